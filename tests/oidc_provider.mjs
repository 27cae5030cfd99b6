// A minimal but real OpenID Connect provider for tests, built on the npm
// package `oidc-provider`. It listens on 127.0.0.1 only.
//
// Configuration is read as a JSON object from the environment variable
// OIDC_TEST_CONFIG:
//   {"port": 0,
//    "clients": [{"client_id": "...", "client_secret": "...",
//                 "redirect_uris": ["http://127.0.0.1:PORT/..."]}],
//    "accounts": {"<login name>": {"sub": "...", "email": "...",
//                 "email_verified": true, "name": "...", "staff_code": "..."}}}
//
// Once listening, exactly one line `READY <issuer>` is printed to stdout.
//
// Test control endpoint: POST /__test/mode with JSON {"mode": "normal" |
// "tamper" | "expire" | "nonce"} answers 204 and changes how the token endpoint's
// id_token is post-processed:
//   - tamper: payload claims (sub, email, staff_code) replaced, original
//     header and signature kept (the signature no longer matches);
//   - expire: re-signed with the provider's own key and header, but with
//     iat and exp one hour in the past.

import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import crypto from 'node:crypto';

// Resolve `oidc-provider` (and its dependency `jose`) from the repository's
// node_modules, independent of the current working directory.
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
const { default: Provider } = await import(
  pathToFileURL(requireFromRepo.resolve('oidc-provider')).href
);
// jose is a dependency of oidc-provider; resolve it from there.
const requireFromProvider = createRequire(requireFromRepo.resolve('oidc-provider/package.json'));
const jose = await import(pathToFileURL(requireFromProvider.resolve('jose')).href);

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{}');
const requestedPort = Number(config.port || 0);
const clientsConfig = config.clients || [];
const accounts = config.accounts || {};

const HOST = '127.0.0.1';

function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function b64urlJson(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

function parseB64urlJson(segment) {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

function findAccountBySub(sub) {
  return Object.values(accounts).find((account) => account.sub === sub);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

// Bind first, so that the issuer (which contains the port) is known before
// the provider is constructed.
const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(requestedPort, HOST, () => {
    server.off('error', reject);
    resolve();
  });
});
const { port } = server.address();
const issuer = `http://${HOST}:${port}`;

// RS256 signing key generated at start.
const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const privateJwk = await jose.exportJWK(privateKey);
privateJwk.kid = crypto.randomBytes(8).toString('hex');
privateJwk.alg = 'RS256';
privateJwk.use = 'sig';

const provider = new Provider(issuer, {
  clients: clientsConfig.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  jwks: { keys: [privateJwk] },
  // Plain http on loopback: oidc-provider only marks cookies `secure` when
  // the request itself is secure (ctx.secure), so no extra option is needed.
  cookies: {
    keys: [crypto.randomBytes(32).toString('hex')],
  },
  scopes: ['openid', 'profile', 'email'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'staff_code'],
  },
  // Put the claims of the requested scopes into the id token as well.
  conformIdTokenClaims: false,
  pkce: { required: () => false },
  features: {
    devInteractions: { enabled: false },
  },
  interactions: {
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  async findAccount(ctx, sub) {
    const account = findAccountBySub(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { ...account, sub };
      },
    };
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html><body><h1>Error</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre></body></html>`;
  },
});

let mode = 'normal';

// Create (or extend) a grant covering everything that was requested.
async function grantAll(details, accountId) {
  const { params, prompt } = details;
  let grant;
  if (details.grantId) {
    grant = await provider.Grant.find(details.grantId);
  }
  if (!grant) {
    grant = new provider.Grant({ accountId, clientId: params.client_id });
  }
  const scope = String(params.scope || 'openid');
  grant.addOIDCScope(scope);
  const missingClaims = prompt?.details?.missingOIDCClaims;
  if (Array.isArray(missingClaims) && missingClaims.length) {
    grant.addOIDCClaims(missingClaims);
  }
  if (params.claims) {
    try {
      const requested = JSON.parse(params.claims);
      const names = new Set([
        ...Object.keys(requested.id_token || {}),
        ...Object.keys(requested.userinfo || {}),
      ]);
      if (names.size) grant.addOIDCClaims([...names]);
    } catch {
      // ignore malformed claims parameter
    }
  }
  const missingResourceScopes = prompt?.details?.missingResourceScopes || {};
  for (const [indicator, scopes] of Object.entries(missingResourceScopes)) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}

function loginPage(uid, error) {
  const message = error ? `<p class="error">${escapeHtml(error)}</p>` : '';
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Test OIDC provider - Sign in</title></head>
<body>
<h1>Sign in</h1>
${message}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label for="login">Login</label>
  <input id="login" type="text" name="login" autocomplete="off" autofocus>
  <button type="submit">Sign in</button>
</form>
</body>
</html>`;
}

async function finish(ctx, result) {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: true,
  });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

// Test control and interaction routes. provider.use() inserts middleware
// ahead of the provider's own router.
provider.use(async (ctx, next) => {
  if (ctx.path === '/__test/mode') {
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      return;
    }
    let body;
    try {
      body = JSON.parse((await readBody(ctx.req)) || '{}');
    } catch {
      ctx.status = 400;
      ctx.body = { error: 'invalid JSON' };
      return;
    }
    if (!['normal', 'tamper', 'expire', 'nonce'].includes(body.mode)) {
      ctx.status = 400;
      ctx.body = { error: 'mode must be normal, tamper, expire or nonce' };
      return;
    }
    mode = body.mode;
    ctx.status = 204;
    return;
  }

  const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(ctx.path);
  if (!match) {
    await next();
    return;
  }

  ctx.set('Cache-Control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const { uid, prompt } = details;

  if (ctx.method === 'GET' && !match[2]) {
    if (prompt.name === 'consent') {
      // Consent is granted automatically.
      const grantId = await grantAll(details, details.session.accountId);
      await finish(ctx, { consent: { grantId } });
      return;
    }
    ctx.type = 'html';
    ctx.body = loginPage(uid);
    return;
  }

  if (ctx.method === 'POST' && match[2]) {
    const form = new URLSearchParams(await readBody(ctx.req));
    const login = form.get('login') || '';
    const account = Object.prototype.hasOwnProperty.call(accounts, login)
      ? accounts[login] : undefined;
    if (!account) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.body = loginPage(uid, 'Unknown login.');
      return;
    }
    const accountId = account.sub;
    const result = { login: { accountId } };
    // Grant consent right away, so no second page is shown.
    const grantId = await grantAll(details, accountId);
    result.consent = { grantId };
    await finish(ctx, result);
    return;
  }

  ctx.status = 405;
});

// Post-process the token endpoint response according to the test mode.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || mode === 'normal' || ctx.status !== 200) return;

  let body = ctx.body;
  let wasString = false;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    body = JSON.parse(body.toString());
    wasString = true;
  }
  if (!body || typeof body !== 'object' || typeof body.id_token !== 'string') return;

  const [headerSeg, payloadSeg, signatureSeg] = body.id_token.split('.');
  const header = parseB64urlJson(headerSeg);
  const payload = parseB64urlJson(payloadSeg);

  if (mode === 'tamper') {
    const tampered = {
      ...payload,
      sub: 'intruder',
      email: 'intruder@example.invalid',
      staff_code: 'INTRUDER',
    };
    body.id_token = `${headerSeg}.${b64urlJson(tampered)}.${signatureSeg}`;
  } else {
    // Re-signed with the provider's own key and header, so only one claim is
    // wrong: expire puts iat and exp about one hour in the past; nonce
    // answers with another sign-in's nonce (a replayed id token).
    const now = Math.floor(Date.now() / 1000);
    const changed = mode === 'expire'
      ? { ...payload, iat: now - 3600 - 60, exp: now - 3600 }
      : { ...payload, nonce: 'nonce-of-another-sign-in' };
    body.id_token = await new jose.CompactSign(
      new TextEncoder().encode(JSON.stringify(changed)),
    )
      .setProtectedHeader(header)
      .sign(privateKey);
  }

  ctx.body = wasString ? JSON.stringify(body) : body;
});

provider.on('server_error', (ctx, err) => {
  process.stderr.write(`server_error: ${err && err.stack ? err.stack : err}\n`);
});

// Client metadata is validated lazily by oidc-provider; load every client
// now so that a bad configuration fails at start (non-zero exit, stderr).
try {
  for (const client of clientsConfig) {
    if (!(await provider.Client.find(String(client.client_id)))) {
      throw new Error(`client ${client.client_id} could not be loaded`);
    }
  }
} catch (err) {
  process.stderr.write(`invalid client configuration: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
}

server.on('request', provider.callback());

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  // Do not hang forever on lingering connections.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

process.stdout.write(`READY ${issuer}\n`);
