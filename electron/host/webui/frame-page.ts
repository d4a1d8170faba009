// The page the app's iframe loads in serve mode (/webui/<key> on the app's own origin, behind its token): nothing
// but an iframe of the cluster's UI origin with a fresh one-time ticket. Its own CSP allows exactly that one origin
// as a frame and no script at all, so the app page keeps "frame-src 'self'" whatever ports the UIs listen on, and
// the ticket never passes through the page's scripts. The inner frame may run the dashboard's scripts as its own
// origin, open links in new tabs and download logs, but never navigate the app.
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads';

export function framePage(entryUrl: string, uiOrigin: string, title: string): { headers: Record<string, string>; html: string } {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeAttr(title)}</title>
<style>html,body{margin:0;height:100%;overflow:hidden;background:#fff}iframe{display:block;border:0;width:100%;height:100%}</style>
</head><body><iframe src="${escapeAttr(entryUrl)}" title="${escapeAttr(title)}" sandbox="${FRAME_SANDBOX}" referrerpolicy="no-referrer"></iframe></body></html>
`;
  return {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': [
        "default-src 'none'",
        `frame-src ${uiOrigin}`,
        "style-src 'unsafe-inline'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
      ].join('; '),
      'x-frame-options': 'SAMEORIGIN',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  };
}
