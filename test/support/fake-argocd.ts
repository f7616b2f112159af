/**
 * A scripted Argo CD API server on loopback, answering as Argo CD's REST API (gRPC gateway) does:
 * GET /api/v1/applications/{name}?appNamespace=&refresh= with `Authorization: Bearer <token>` → the Application
 * JSON; 401 `{"error","code":16,"message"}` for a bad token; 403 "permission denied" (code 7) for an application
 * that does not exist or is not readable. Each GET of the application answers the next scripted state (the last
 * one repeats), so a test plays "wrong revision, then progressing, then ours" deterministically.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Raw } from './fake-kube-api';

export interface ArgoRequest {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  status: number;
}

export interface FakeArgoCd {
  url: string;
  token: string;
  requests: ArgoRequest[];
  close(): Promise<void>;
}

export async function startFakeArgoCd(app: { name: string; namespace: string }, states: Raw[]): Promise<FakeArgoCd> {
  const token = 'argocd-token-s3cr3t-7f1e';
  const requests: ArgoRequest[] = [];
  let served = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record: ArgoRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      status: 0,
    };
    requests.push(record);
    const send = (status: number, body: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const grpcError = (status: number, code: number, message: string) =>
      send(status, { error: message, code, message });
    if (req.headers.authorization !== `Bearer ${token}`) {
      return grpcError(401, 16, 'invalid session: token signature is invalid');
    }
    const m = /^\/api\/v1\/applications\/([^/]+)$/.exec(url.pathname);
    const namespace = url.searchParams.get('appNamespace') ?? 'argocd';
    if (req.method !== 'GET' || !m || decodeURIComponent(m[1] ?? '') !== app.name || namespace !== app.namespace) {
      return grpcError(403, 7, 'permission denied');
    }
    const state = states[Math.min(served, states.length - 1)];
    served++;
    send(200, state);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
