// The console's shell: sign-in, the menu, the hash router and the live-status indicator.
import { h, clear } from './dom.js';
import * as session from './session.js';
import * as live from './live.js';
import * as oidc from './oidc.js';
import { overviewPage } from './pages/overview.js';
import { deliveriesPage, deliveryPage } from './pages/deliveries.js';
import { jobsPage, jobPage } from './pages/jobs.js';
import { sourcesPage, sourcePage } from './pages/sources.js';
import { clientsPage } from './pages/clients.js';
import { subscriptionsPage, subscriptionPage } from './pages/subscriptions.js';

// Route: first path segment -> [page without an id, page with one, role needed].
const ROUTES = {
  overview: [overviewPage, null, 'admin'],
  deliveries: [deliveriesPage, deliveryPage, 'admin'],
  jobs: [jobsPage, jobPage, null],
  sources: [sourcesPage, sourcePage, 'admin'],
  clients: [clientsPage, null, 'admin'],
  subscriptions: [subscriptionsPage, subscriptionPage, 'admin'],
};
const LIVE_LABELS = { off: '', connecting: 'Connecting…', live: 'Live', polling: 'Updating every 5 s' };

const view = document.getElementById('view');
const signInSection = document.getElementById('sign-in');
let leavePage = () => {};

document.getElementById('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.currentTarget;
  const error = document.getElementById('sign-in-error');
  const clientId = form.elements['client-id'].value.trim();
  const key = form.elements['client-key'];
  error.textContent = '';
  if (!clientId || !key.value) {
    error.textContent = 'Enter the client id and key.';
    return;
  }
  try {
    await session.signIn(clientId, key.value);
  } catch (e) {
    error.textContent = e.status === 401 ? 'Wrong client id or key, or the client is disabled.'
      : e.status === 429 ? `Too many attempts; try again in ${e.retryAfter || 'a few'} seconds.` : e.message;
    return;
  } finally {
    key.value = '';
  }
  showConsole();
});

document.getElementById('sign-out').addEventListener('click', () => session.end(''));
session.onEnd(reason => showSignIn(reason));
window.addEventListener('hashchange', () => { if (session.user()) render(); });

function showConsole() {
  const user = session.user();
  signInSection.hidden = true;
  view.hidden = false;
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  document.getElementById('who').textContent = `${user.name} (${user.role})`;
  for (const link of document.querySelectorAll('#nav a')) {
    link.hidden = link.dataset.role === 'admin' && !session.isAdmin();
  }
  live.start(() => session.user().token, mode => {
    const status = document.getElementById('live-status');
    status.textContent = LIVE_LABELS[mode];
    status.dataset.mode = mode;
  });
  render();
}

function showSignIn(reason) {
  leavePage();
  leavePage = () => {};
  live.stop();
  clear(view);
  view.hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  document.getElementById('who').textContent = '';
  signInSection.hidden = false;
  document.getElementById('sign-in-form').reset();
  document.getElementById('sign-in-error').textContent = reason;
  document.getElementById('sign-in-provider-error').textContent = '';
  const viaProvider = !document.getElementById('sign-in-provider').hidden;
  document.getElementById(viaProvider ? 'sign-in-idp' : 'client-id').focus();
}

function render() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/').map(decodeURIComponent);
  const fallback = session.isAdmin() ? 'overview' : 'jobs';
  const routeEntry = ROUTES[name];
  if (!routeEntry || (routeEntry[2] === 'admin' && !session.isAdmin()) || (rest.length > 0 && !routeEntry[1])) {
    location.replace('#/' + fallback);
    return;
  }
  leavePage();
  const page = h('div', { class: 'page' });
  clear(view).append(page);
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // What a page may use; its watches end when the next page replaces it.
  const cleanups = [];
  const context = { params: new URLSearchParams(search || ''), api: session.api, isAdmin: session.isAdmin(),
    user: session.user(), watch: (types, refresh) => { cleanups.push(live.watch(types, refresh)); } };
  const renderPage = rest.length > 0 ? routeEntry[1] : routeEntry[0];
  leavePage = () => cleanups.forEach(cleanup => cleanup());
  Promise.resolve(renderPage(page, context, ...rest)).then(() => {
    const heading = page.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      document.title = heading.textContent + ' — Callback Gateway';
    }
  }).catch(e => page.append(errorNotice(e)));
}

/** A failure shown in the page, as text. */
export function errorNotice(e) {
  return h('p', { class: 'error', role: 'alert', text: e && e.message ? e.message : String(e) });
}

// Sign-in through the identity provider, when the gateway has one: the button, and the return from it.
let provider = null;
const providerError = document.getElementById('sign-in-provider-error');
document.getElementById('sign-in-idp').addEventListener('click', () => {
  providerError.textContent = '';
  oidc.begin(provider).catch(e => { providerError.textContent = e.message; });
});

async function startUp() {
  try {
    provider = await oidc.providerConfig();
  } catch (e) {
    providerError.textContent = e.status === 503 ? 'The identity provider cannot be reached; sign in with a client key.'
      : e.message;
  }
  document.getElementById('sign-in-provider').hidden = provider === null;
  try {
    const answer = await oidc.complete(provider);
    if (answer) {
      session.adopt(answer.access_token, answer.username);
      showConsole();
      return;
    }
  } catch (e) {
    providerError.textContent = e.status === 401 ? 'The gateway refused the identity provider\'s sign-in; try again.'
      : e.message;
  }
  (provider ? document.getElementById('sign-in-idp') : document.getElementById('client-id')).focus();
}

startUp();
