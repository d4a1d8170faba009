// The web preferences of an embedded Flink Web UI's view: sandboxed, isolated, no Node, no preload (it gets no bridge
// to the app at all), its own session partition.
import type { WebContentsViewConstructorOptions } from 'electron';

export function webUiViewOptions(partition: string): WebContentsViewConstructorOptions {
  return {
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      // A UI hidden behind another page of the app need not keep painting.
      backgroundThrottling: true,
    },
  };
}
