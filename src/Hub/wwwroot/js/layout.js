import { api, ApiError, useAntiForgeryToken } from './api.js';
import { el, clear } from './dom.js';
import { loadLanguage, switchLanguage, t, translatePage } from './i18n.js';
import { useTimeZone } from './format.js';

// Which pages each role works with; the API limits the data to the role's area either way.
const PAGES = [
  { id: 'overview', href: 'index.html', roles: ['districtAdmin', 'stationOfficer', 'coManager'] },
  { id: 'findings', href: 'findings.html', roles: ['districtAdmin', 'stationOfficer', 'coManager'] },
  { id: 'sites', href: 'sites.html', roles: ['districtAdmin', 'stationOfficer', 'coManager'] },
  { id: 'registrations', href: 'registrations.html', roles: ['districtAdmin', 'stationOfficer'] },
  { id: 'weekly', href: 'weekly.html', roles: ['districtAdmin', 'stationOfficer'] },
  { id: 'demographics', href: 'demographics.html', roles: ['districtAdmin', 'stationOfficer', 'coManager'] },
  { id: 'staffing', href: 'staffing.html', roles: ['districtAdmin', 'stationOfficer', 'coManager'] },
  // Reached from the user's name in the header, not from the navigation.
  { id: 'account', href: 'account.html', roles: ['districtAdmin', 'stationOfficer', 'coManager'], inNav: false },
];

function header(session, current) {
  const area = session.station ?? session.community ?? '';
  return el('header', { class: 'top' },
    el('div', { class: 'brand' }, t('app.title')),
    el('nav', {}, PAGES.filter((p) => p.inNav !== false && p.roles.includes(session.role)).map((p) =>
      el('a', { href: p.href, class: p.id === current ? 'current' : null, 'data-page': p.id }, t(`nav.${p.id}`)))),
    el('div', { class: 'who' },
      el('span', { class: 'user', 'data-role': session.role }, `${session.name} · ${t(`role.${session.role}`)}${area ? ' · ' + area : ''}`),
      el('a', { href: 'account.html', id: 'account-link' }, t('account.title')),
      el('button', { type: 'button', class: 'link', id: 'language-switch', onclick: switchLanguage }, t('app.language')),
      el('button', { type: 'button', class: 'link', id: 'logout', onclick: logout }, t('app.logout'))));
}

async function logout() {
  try { await api('/api/session', { method: 'DELETE' }); } finally { location.href = 'login.html'; }
}

export function showError(container, error) {
  container.append(el('p', { class: 'error', role: 'alert' }, t('app.error', { message: error.message })));
}

// Every signed-in page: language, session (to the login page without one), header, then the page itself.
export async function startPage(pageId, render) {
  await loadLanguage();
  let session;
  try {
    session = await api('/api/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      location.href = 'login.html';
      return;
    }
    throw error;
  }
  useAntiForgeryToken(session.antiForgeryToken);
  useTimeZone(session.timeZone);
  document.body.prepend(header(session, pageId));
  translatePage();
  const main = document.querySelector('main');
  if (!PAGES.find((p) => p.id === pageId)?.roles.includes(session.role)) {
    location.href = 'index.html';
    return;
  }
  try {
    await render(main, session);
  } catch (error) {
    showError(main, error);
  }
  document.body.dataset.ready = 'true';
}

export { clear };
