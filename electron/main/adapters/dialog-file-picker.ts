// The FilePicker port in the desktop app: the system's "open file" dialog, attached to the app window when there is
// one (modal to it, as users expect). Only a path comes back; the services read the file themselves.
import type { BaseWindow, Dialog } from 'electron';
import type { FilePicker } from '../../services/ports';

export function dialogFilePicker(dialog: Pick<Dialog, 'showOpenDialog'>, parent: () => BaseWindow | undefined): FilePicker {
  return {
    async openFile({ title, filters }) {
      const options = { title, properties: ['openFile' as const, 'showHiddenFiles' as const], ...(filters ? { filters } : {}) };
      const window = parent();
      const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
