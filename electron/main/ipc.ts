// Binds the contract to Electron IPC: one handler, the sender frame checked against the app's own page, the input
// validated by the shared dispatcher.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Envelope } from '../../shared/errors';
import type { Dispatch } from '../services/rpc/dispatcher';
import { IPC_REQUEST } from './ipc-channels';

export type SenderCheck = (frameUrl: string | undefined) => boolean;

export function bindIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrustedSender: SenderCheck): void {
  ipcMain.handle(IPC_REQUEST, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Request refused: it did not come from the Flink Desk window' } };
    }
    return dispatch(channel, input);
  });
}

/** The app page is either the built file or, in development, the dev server's origin. */
export function trustedSenderCheck(appUrl: string): SenderCheck {
  const app = new URL(appUrl);
  return (frameUrl) => {
    if (!frameUrl) return false;
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname;
    return url.origin === app.origin;
  };
}
