import { describe, expect, it, vi } from 'vitest';
import { dialogFilePicker } from '../../../electron/main/adapters/dialog-file-picker';

/** Test double of Electron's dialog (named as one): answers as the user would. */
function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  return { showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve(answer)) };
}

describe('native file picker', () => {
  it('returns the chosen file, with the filters and hidden files shown (~/.kube is hidden), modal to the window', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/u/.kube/config'] });
    const win = { isDestroyed: () => false };
    const picker = dialogFilePicker(dialog, () => win as never);
    const filters = [{ name: 'Kubeconfig', extensions: ['yaml', 'yml', 'conf'] }];
    await expect(picker.openFile({ title: 'Add a kubeconfig file', filters })).resolves.toBe('/home/u/.kube/config');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(win, {
      title: 'Add a kubeconfig file',
      filters,
      properties: ['openFile', 'showHiddenFiles'],
    });
  });

  it('a cancelled dialog is no file; without a window the dialog stands alone', async () => {
    const dialog = fakeDialog({ canceled: true, filePaths: [] });
    const picker = dialogFilePicker(dialog, () => undefined);
    await expect(picker.openFile({ title: 'Pick' })).resolves.toBeUndefined();
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({ title: 'Pick', properties: ['openFile', 'showHiddenFiles'] });
  });
});
