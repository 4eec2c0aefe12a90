import { api } from '../api.js';
import { el, table } from '../dom.js';
import { dateTime, number } from '../format.js';
import { t } from '../i18n.js';
import { startPage } from '../layout.js';

function missingText(missing) {
  return missing.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(', ');
}

startPage('sites', async (main) => {
  const sites = await api('/api/dashboard/sites');
  const rows = sites.flatMap((site) => {
    const cells = [el('td', {}, site.siteId), el('td', {}, site.name), el('td', {}, site.community ?? ''), el('td', {}, site.station ?? '')];
    if (site.agents.length === 0) {
      return [el('tr', { 'data-site-id': site.siteId }, cells, el('td', {}, ''), el('td', { colspan: 6 }, el('span', { class: 'badge muted' }, t('sites.noAgent'))))];
    }
    return site.agents.map((agent) => el('tr', { 'data-site-id': site.siteId, 'data-agent-id': agent.agentId },
      cells.map((c) => c.cloneNode(true)),
      el('td', {}, agent.agentId),
      el('td', {}, el('span', { class: agent.online ? 'badge online' : 'badge offline' }, t(agent.online ? 'sites.online' : 'sites.offline'))),
      el('td', {}, dateTime(agent.lastSeenAt)),
      el('td', { class: 'number' }, number(agent.backlog)),
      el('td', { class: 'number' }, number(agent.lastSeq)),
      el('td', { class: 'number' }, number(agent.storedCount)),
      el('td', { class: agent.missing.length ? 'missing warn' : 'missing' }, missingText(agent.missing))));
  });
  main.append(rows.length === 0 ? el('p', { class: 'empty' }, t('app.none')) : table(
    ['site', 'name', 'community', 'station', 'agent', 'state', 'lastSeen', 'backlog', 'lastSeq', 'stored', 'missing'].map((k) => t(`sites.${k}`)),
    rows, { id: 'sites-table' }));
});
