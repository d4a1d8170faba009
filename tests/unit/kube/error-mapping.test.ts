// Every failure a user can hit between Flink Desk and an API server maps to a code, a message naming what is
// wrong, and a hint saying what to do — never a stack trace or a credential.
import { describe, expect, it } from 'vitest';
import { mapCredentialError, mapHttpError, mapKubeError, mapTransportError } from '../../../electron/services/kube/error-mapping';

const where = { context: 'prod', server: 'https://api.example.test:6443', user: 'alice' };
const err = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`boom ${code}`), { code, ...extra });

describe('kube error mapping', () => {
  it.each([
    ['ENOTFOUND', 'unreachable', /Cannot resolve the API server host 'api.example.test'/],
    ['EAI_AGAIN', 'unreachable', /Cannot resolve/],
    ['ECONNREFUSED', 'unreachable', /Connection refused by api.example.test:6443/],
    ['ECONNRESET', 'unreachable', /network path/],
    ['FD_TIMEOUT', 'timeout', /No answer from api.example.test:6443 within 10 s/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unreachable', /not signed by a CA your kubeconfig trusts/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'unreachable', /not signed by a CA/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'unreachable', /not valid for 'api.example.test'/],
    ['CERT_HAS_EXPIRED', 'unreachable', /has expired/],
    ['EPROTO', 'unreachable', /TLS with api.example.test:6443 failed/],
  ])('%s → %s with a hint', (code, appCode, message) => {
    const e = mapTransportError(err(code), where, 10_000);
    expect(e.code).toBe(appCode);
    expect(e.message).toMatch(message);
    expect(e.message).toContain("context 'prod'");
    expect(e.hint).toBeTruthy();
  });

  it('HTTP 401 and 403 say what to do; the server message is kept for 403', () => {
    expect(mapHttpError(401, {}, where, 'read the server version')).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('401'),
    });
    expect(mapHttpError(401, {}, where, 'x').hint).toMatch(/expired/);
    const forbidden = mapHttpError(403, { message: 'pods is forbidden: User "alice" cannot list resource "pods"' }, where, 'list pods');
    expect(forbidden).toMatchObject({ code: 'forbidden', message: expect.stringContaining('cannot list resource') });
    expect(mapHttpError(503, {}, where, 'x').code).toBe('unreachable');
  });

  it('exec plugin: missing, not executable, failing with its stderr', () => {
    const missing = mapCredentialError(err('ENOENT', { syscall: 'spawn gke-gcloud-auth-plugin' }), where, 'gke-gcloud-auth-plugin');
    expect(missing).toMatchObject({
      code: 'tool-missing',
      message: expect.stringContaining("'gke-gcloud-auth-plugin' of user 'alice' was not found"),
    });
    expect(missing.hint).toMatch(/PATH/);
    expect(mapCredentialError(err('EACCES'), where, './plugin').code).toBe('tool-missing');
    const failing = mapCredentialError(new Error('error: token expired, run aws sso login\n'), where, 'aws');
    expect(failing).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('token expired, run aws sso login') });
  });

  it('a certificate file the kubeconfig names but that cannot be read', () => {
    const e = mapCredentialError(err('ENOENT', { path: '/home/alice/.minikube/ca.crt' }), where);
    expect(e).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('/home/alice/.minikube/ca.crt') });
  });

  it('409 is a conflict naming the other manager; 400 and 422 are the input, with the server message', () => {
    const conflict = mapHttpError(
      409,
      { message: 'Apply failed with 1 conflict: conflict with "kubectl-edit": .data.x' },
      where,
      'apply ConfigMap a/b',
    );
    expect(conflict).toMatchObject({ code: 'conflict', message: expect.stringContaining('kubectl-edit') });
    expect(conflict.hint).toBeTruthy();
    expect(
      mapHttpError(422, { message: 'Secret "s" is invalid: type: Invalid value: field is immutable' }, where, 'apply Secret'),
    ).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('field is immutable'),
    });
  });

  it("client-node's transports: a watch status, undici's wrapped socket error, a refused WebSocket upgrade, the idle timeout", () => {
    expect(mapKubeError(Object.assign(new Error('Forbidden'), { statusCode: 403 }), where, 'watch pods', 10_000).code).toBe('forbidden');
    const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: err('ECONNREFUSED') });
    expect(mapKubeError(fetchFailed, where, 'watch pods', 10_000)).toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('Connection refused'),
    });
    const upgrade = { type: 'error', message: 'Unexpected server response: 401', error: new Error('Unexpected server response: 401') };
    expect(mapKubeError(upgrade, where, 'forward port 8081', 10_000).code).toBe('unauthorized');
    expect(mapKubeError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), where, 'watch', 30_000).code).toBe(
      'timeout',
    );
    expect(mapKubeError({ code: 404, body: '{"message":"pods \\"x\\" not found"}' }, where, 'read pod x', 10_000)).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('not found'),
    });
  });
});
