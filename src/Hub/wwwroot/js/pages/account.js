import { api, ApiError } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { startPage } from '../layout.js';

// The signed-in user changes their own password; the current one is asked for again.
startPage('account', async (main) => {
  const field = (name, key, autocomplete) =>
    el('label', {}, el('span', {}, t(key)), el('input', { name, type: 'password', autocomplete, required: '', minlength: '8', maxlength: '128' }));
  const message = el('p', { id: 'account-message', role: 'status' });
  const form = el('form', { id: 'account', class: 'account' },
    field('currentPassword', 'account.current', 'current-password'),
    field('newPassword', 'account.new', 'new-password'),
    field('repeatPassword', 'account.repeat', 'new-password'),
    el('button', { type: 'submit' }, t('account.submit')),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    message.className = 'error';
    if (data.get('newPassword') !== data.get('repeatPassword')) {
      message.textContent = t('account.mismatch');
      return;
    }
    try {
      await api('/api/session/password', { method: 'PUT', json: { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') } });
      form.reset();
      message.className = 'done';
      message.textContent = t('account.changed');
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400 && failure.message.startsWith('currentPassword')) message.textContent = t('account.wrongCurrent');
      else if (failure instanceof ApiError && failure.status === 400) message.textContent = t('account.rules');
      else if (failure instanceof ApiError && failure.status === 429) message.textContent = t('login.tooMany', { seconds: failure.retryAfter ?? 60 });
      else message.textContent = t('app.error', { message: failure.message });
    }
  });
  main.append(form);
});
