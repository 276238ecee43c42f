// The dashboard's shell: who is signed in, the page for the current #/hash, sign-out.
import { get, useCsrfToken } from './api.js';
import { errorBox, replace, loading } from './dom.js';
import * as overview from './pages/overview.js';
import * as providers from './pages/providers.js';
import * as workloads from './pages/workloads.js';
import * as audit from './pages/audit.js';
import * as policy from './pages/policy.js';
import * as costs from './pages/costs.js';
import * as limits from './pages/limits.js';

const PAGES = { overview, providers, workloads, audit, policy, costs, limits };
let context = null;

/** The page name and parameters of the current hash: #/audit?workload=hr. */
function route() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const name = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  return { name: Object.hasOwn(PAGES, name) ? name : 'overview', params };
}

/** Goes to a page with parameters (kept in the hash, so that the address can be shared and reloaded). */
function navigate(name, params) {
  const query = params ? new URLSearchParams(params).toString() : '';
  const hash = `#/${name}${query ? `?${query}` : ''}`;
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

function render() {
  const { name, params } = route();
  for (const a of document.querySelectorAll('#nav a')) {
    const active = a.dataset.page === name;
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.body.dataset.page = name;
  const main = document.getElementById('page');
  if (!context) {
    replace(main, loading('the dashboard'));
    return;
  }
  const page = PAGES[name];
  document.title = `${page.TITLE} · Sovereign AI Gateway`;
  try {
    replace(main, page.render({ ...context, params, navigate }));
  } catch (e) {
    replace(main, errorBox(e));
  }
}

async function signOut() {
  try {
    await fetch('/ui/sign-out', {
      method: 'POST',
      headers: { 'x-csrf-token': context.session.csrf_token },
      credentials: 'same-origin',
      redirect: 'manual',
    });
  } finally {
    window.location.assign('/ui/sign-in');
  }
}

async function start() {
  window.addEventListener('hashchange', render);
  render();
  try {
    const [session, gateway] = await Promise.all([get('/admin/session'), get('/admin/gateway')]);
    useCsrfToken(session.csrf_token);
    context = { session, gateway };
    document.getElementById('who').textContent =
      session.via === 'loopback' ? 'Local operator' : `Signed in as ${session.key}`;
    const button = document.getElementById('sign-out');
    button.hidden = session.via !== 'session';
    button.addEventListener('click', signOut);
  } catch (e) {
    const banner = document.getElementById('banner');
    banner.textContent = e.message;
    banner.hidden = false;
    return;
  }
  render();
}

start();
