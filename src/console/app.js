// @ts-check
import { Api, ApiFailure, SignedOut } from './api.js';
import { byId } from './dom.js';
import { createLookupForm } from './lookup-form.js';
import { RecentLookups } from './recent-lookups.js';
import { renderResult } from './result-view.js';

/**
 * The console's entry point: find out how the user may log in and whether a session exists,
 * then show either the login view or the lookup view. Module scripts run after the document
 * is parsed, so every element exists here.
 */

const api = new Api();
const page = {
  status: byId('status', HTMLElement),
  loginView: byId('login-view', HTMLElement),
  appView: byId('app-view', HTMLElement),
  who: byId('who', HTMLElement),
  whoName: byId('who-name', HTMLElement),
  whoDetail: byId('who-detail', HTMLElement),
  result: byId('result', HTMLElement),
  runLookup: byId('run-lookup', HTMLButtonElement),
  apiKeyForm: byId('api-key-form', HTMLFormElement),
  apiKey: byId('api-key', HTMLInputElement),
};

const lookupForm = createLookupForm({
  rows: byId('identifier-rows', HTMLElement),
  add: byId('add-identifier', HTMLButtonElement),
  depth: byId('depth', HTMLSelectElement),
  reference: byId('requester-reference', HTMLInputElement),
});
const recent = new RecentLookups(byId('recent-list', HTMLOListElement), byId('recent-empty', HTMLElement), (id) => void openLookup(id));

/**
 * One line of status; errors in red with the engine's details and request id.
 * @param {string} message
 * @param {'info' | 'error'} [kind]
 */
function say(message, kind = 'info') {
  page.status.hidden = message === '';
  page.status.className = `status ${kind}`;
  page.status.textContent = message;
}

/** @param {unknown} err */
function fail(err) {
  if (err instanceof SignedOut) return showLogin(err.message);
  if (err instanceof ApiFailure) {
    const details = err.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
    return say(`${err.message}${details ? ` (${details})` : ''} [${err.code}${err.requestId ? `, ${err.requestId}` : ''}]`, 'error');
  }
  say(err instanceof Error ? err.message : String(err), 'error');
}

/** @param {string} [message] */
function showLogin(message = '') {
  page.appView.hidden = true;
  page.who.hidden = true;
  page.loginView.hidden = false;
  page.result.replaceChildren();
  say(message);
}

function showApp() {
  const credential = api.credential;
  if (credential === null) return showLogin();
  if (credential.kind === 'session') {
    page.whoName.textContent = credential.user.user_email;
    page.whoDetail.textContent = `${credential.user.idp.toUpperCase()} · ${credential.user.roles.join(', ') || 'no role'}`;
  } else {
    page.whoName.textContent = 'API key';
    page.whoDetail.textContent = 'kept in this tab’s memory';
  }
  page.loginView.hidden = true;
  page.who.hidden = false;
  page.appView.hidden = false;
  say('');
}

/** @param {any} result */
function showResult(result) {
  page.result.replaceChildren(
    renderResult(result, {
      downloadPdf: guarded(async (id) => {
        const size = await api.downloadPdf(id);
        return `PDF downloaded (${Math.max(1, Math.round(size / 1024))} KB).`;
      }),
      verify: guarded((id) => api.json('GET', `/v1/reports/${encodeURIComponent(id)}/verify`)),
    }),
  );
}

/**
 * A report action that sends the user back to the login when the credential has gone.
 * @template T
 * @param {(id: string) => Promise<T>} action
 * @returns {(id: string) => Promise<T>}
 */
function guarded(action) {
  return async (id) => {
    try {
      return await action(id);
    } catch (err) {
      if (err instanceof SignedOut) showLogin(err.message);
      throw err;
    }
  };
}

/** @param {string} requestId */
async function openLookup(requestId) {
  say(`Loading ${requestId}…`);
  try {
    showResult(await api.json('GET', `/v1/lookup/${encodeURIComponent(requestId)}`));
    say('');
  } catch (err) {
    fail(err);
  }
}

byId('lookup-form', HTMLFormElement).addEventListener('submit', async (event) => {
  event.preventDefault();
  const read = lookupForm.read();
  if ('problem' in read) return say(read.problem, 'error');
  page.runLookup.disabled = true;
  say('Running lookup…');
  try {
    const result = await api.json('POST', '/v1/lookup', read.request);
    recent.add(result, read.request);
    showResult(result);
    say(`Lookup ${result.request_id} finished: ${result.resolution?.status ?? 'no resolution'}.`);
  } catch (err) {
    fail(err);
  } finally {
    page.runLookup.disabled = false;
  }
});

page.apiKeyForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = page.apiKey.value.trim();
  page.apiKey.value = '';
  if (key === '') return say('Paste an API key first.', 'error');
  try {
    await api.useApiKey(key);
    showApp();
  } catch (err) {
    fail(err);
  }
});

byId('logout', HTMLButtonElement).addEventListener('click', async () => {
  recent.clear();
  try {
    await api.logout();
    showLogin('Logged out.');
  } catch (err) {
    showLogin();
    fail(err);
  }
});

async function start() {
  try {
    const [methods, hasSession] = await Promise.all([api.methods(), api.loadSession()]);
    byId('login-oidc', HTMLAnchorElement).hidden = !methods.oidc;
    byId('login-saml', HTMLAnchorElement).hidden = !methods.saml;
    page.apiKeyForm.hidden = !methods.api_key;
    byId('login-none', HTMLElement).hidden = methods.oidc || methods.saml || methods.api_key;
    if (hasSession) showApp();
    else showLogin();
  } catch (err) {
    showLogin();
    fail(err);
  }
}

void start();
