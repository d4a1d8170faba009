// The access capability's public face (DESIGN §3 access/): the service the tracker and, next, the embedded Web UI
// reach clusters through. Nothing else in access/ is meant to be imported from outside.
export { AccessService, type AccessDeps } from './access-service';
export { endToEnd } from './outgoing';
