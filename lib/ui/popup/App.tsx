/**
 * The popup: this tab's listings, search, call-backs, and the call form; the
 * switches and the shortcut at the bottom. It paints at once and fills in as
 * answers arrive.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { request } from '../../messages/client';
import type { DueCallback } from '../../messages/protocol';
import { loadSettings, onSettingsChanged, saveSettings } from '../../store/settings';
import { t } from '../i18n';
import { TeamStatusLine, useTeamStatus } from '../team-status';
import { StorageNotice } from '../storage-notice';
import { CallForm, type SavedResult } from './CallForm';
import { Callbacks } from './Callbacks';
import { isOverdue } from './dates';
import { Search } from './Search';
import { formTarget, lastSaved, overrideListing, section, settings, type Section } from './state';
import { currentTab, openShortcutSettings, popupShortcut, type CurrentTab } from './tab';
import { ThisTab } from './ThisTab';
import { displayError } from '../../messages/errors';
import { LIMITS } from '../../model/limits';

const NAME_PROMPT_KEY = 'popupNamePromptDismissed';
const UNDO_MS = 8000;

export function App() {
  const tab = useSignal<CurrentTab | null | undefined>(undefined);
  const due = useSignal<DueCallback[] | null>(null);
  const dueError = useSignal('');
  const shortcut = useSignal<string | null>(null);
  const namePromptDismissed = useSignal(true);

  const reloadDue = async () => {
    try {
      due.value = await request('dueCallbacks', {});
      dueError.value = '';
    } catch (error) {
      dueError.value = displayError(error);
    }
  };

  useEffect(() => {
    void loadSettings().then((s) => (settings.value = s));
    const stop = onSettingsChanged((s) => (settings.value = s));
    void currentTab().then(
      (found) => (tab.value = found),
      () => (tab.value = null),
    );
    void reloadDue();
    void popupShortcut().then((s) => (shortcut.value = s));
    void browser.storage.local.get(NAME_PROMPT_KEY).then((r) => (namePromptDismissed.value = !!r[NAME_PROMPT_KEY]));
    return stop;
  }, []);

  const s = settings.value;
  const target = formTarget.value;
  const overdue = (due.value ?? []).filter((d) => isOverdue(d.dueAt, new Date())).length;

  const onSaved = (saved: SavedResult) => {
    const listingKey = target?.kind === 'listing' ? target.key : undefined;
    overrideListing(listingKey, saved.view);
    lastSaved.value = { companyName: saved.companyName, callId: saved.callId, listingKey, at: Date.now() };
    formTarget.value = null;
    void reloadDue();
  };

  return (
    <div class="popup">
      <header class="top">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('extName')}</h1>
        <button type="button" class="btn btn--link small top__settings" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_settings')}
        </button>
      </header>
      <PopupTeamStatus />
      <StorageNotice />

      {s && !s.managerName && !namePromptDismissed.value && !target ? <NamePrompt onDismiss={() => void dismissNamePrompt(namePromptDismissed)} /> : null}

      <Toast />

      {target ? (
        <main class="content">
          <CallForm key={JSON.stringify(target)} target={target} onClose={() => (formTarget.value = null)} onSaved={onSaved} />
        </main>
      ) : (
        <>
          <nav class="sections" role="tablist">
            <SectionTab id="tab" label={t('popup_thisTab')} />
            <SectionTab id="search" label={t('popup_search')} />
            <SectionTab
              id="callbacks"
              label={t('popup_callbacks')}
              count={due.value?.length ?? 0}
              alert={overdue > 0}
            />
          </nav>
          <main class="content" role="tabpanel">
            {section.value === 'tab' ? <ThisTab tab={tab.value} /> : null}
            {section.value === 'search' ? <Search /> : null}
            {section.value === 'callbacks' ? <Callbacks items={due.value} error={dueError.value} reload={() => void reloadDue()} /> : null}
          </main>
        </>
      )}

      <footer class="bottom" hidden={!!target}>
        <Switches host={tab.value?.host} />
        <p class="shortcut small muted" data-testid="shortcut">
          {shortcut.value === null ? null : shortcut.value ? t('popup_shortcut', shortcut.value) : t('popup_noShortcut')}{' '}
          <button type="button" class="btn btn--link small" data-testid="change-shortcut" onClick={() => void openShortcutSettings()}>
            {shortcut.value ? t('popup_shortcutChange') : t('popup_shortcutSet')}
          </button>
        </p>
      </footer>
    </div>
  );
}

async function dismissNamePrompt(flag: { value: boolean }) {
  flag.value = true;
  await browser.storage.local.set({ [NAME_PROMPT_KEY]: true });
}

function SectionTab(props: { id: Section; label: string; count?: number; alert?: boolean }) {
  const active = section.value === props.id;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      class={`section-tab${active ? ' section-tab--on' : ''}`}
      data-testid={`section-${props.id}`}
      onClick={() => (section.value = props.id)}
    >
      {props.label}
      {props.count ? <span class={`count${props.alert ? ' count--alert' : ''}`}>{props.count}</span> : null}
    </button>
  );
}

/** First run: the manager's name, stamped on every call. Asked once. */
function NamePrompt(props: { onDismiss: () => void }) {
  const name = useSignal('');
  const error = useSignal('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const value = name.value.trim();
    if (!value) return void (error.value = t('popup_nameEmpty'));
    if (value.length > LIMITS.manager) return void (error.value = t('form_errTooLong', LIMITS.manager));
    try {
      settings.value = await saveSettings({ managerName: value });
    } catch (e) {
      error.value = displayError(e);
    }
  };
  return (
    <form class="name-prompt" data-testid="name-prompt" onSubmit={submit} noValidate>
      <label for="manager-name">{t('popup_nameQuestion')}</label>
      <p class="small muted">{t('popup_nameWhy')}</p>
      <div class="name-prompt__row">
        <input
          id="manager-name"
          type="text"
          data-testid="name-input"
          maxLength={LIMITS.manager}
          autoComplete="name"
          aria-invalid={error.value ? true : undefined}
          value={name.value}
          onInput={(e) => (name.value = e.currentTarget.value)}
        />
        <button type="submit" class="btn btn--primary" data-testid="name-save">
          {t('popup_nameSave')}
        </button>
      </div>
      {error.value ? <p class="field__error" role="alert">{error.value}</p> : null}
      <button type="button" class="btn btn--link small" onClick={props.onDismiss}>
        {t('popup_nameLater')}
      </button>
    </form>
  );
}

function Toast() {
  const saved = lastSaved.value;
  const undone = useSignal<string | null>(null);
  const error = useSignal('');
  useEffect(() => {
    if (!saved) return;
    undone.value = null;
    error.value = '';
    const timer = setTimeout(() => {
      if (lastSaved.value === saved) lastSaved.value = null;
    }, UNDO_MS);
    return () => clearTimeout(timer);
  }, [saved]);
  if (!saved) return null;
  const undo = async () => {
    if (!saved.callId) return;
    try {
      const { company } = await request('undoCall', { callId: saved.callId });
      overrideListing(saved.listingKey, company);
      undone.value = saved.companyName;
    } catch (e) {
      error.value = displayError(e);
    }
  };
  return (
    <div class={`toast ${error.value ? 'notice--error' : 'notice--ok'}`} role="status" data-testid="toast">
      {error.value ? (
        error.value
      ) : undone.value ? (
        t('popup_undone', undone.value)
      ) : (
        <>
          <span>{t('popup_saved', saved.companyName)}</span>
          {saved.callId ? (
            <button type="button" class="btn btn--link" data-testid="undo" onClick={undo}>
              {t('popup_undo')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

/** Overlay off for this site, or paused everywhere. */
function Switches(props: { host?: string }) {
  const s = settings.value;
  if (!s) return null;
  const host = props.host;
  const offHere = !!host && s.disabledSites.includes(host);
  const toggleSite = async (on: boolean) => {
    if (!host) return;
    const current = settings.value ?? s;
    const disabledSites = on ? current.disabledSites.filter((h) => h !== host) : [...new Set([...current.disabledSites, host])];
    settings.value = await saveSettings({ disabledSites });
  };
  const togglePause = async (paused: boolean) => {
    settings.value = await saveSettings({ overlayEnabled: !paused });
  };
  return (
    <div class="switches">
      {host ? (
        <label class="check">
          <input type="checkbox" data-testid="site-switch" checked={!offHere} disabled={!s.overlayEnabled} onChange={(e) => void toggleSite(e.currentTarget.checked)} />
          <span>{t('popup_badgesOnSite', host)}</span>
        </label>
      ) : null}
      <label class="check">
        <input type="checkbox" data-testid="pause-switch" checked={!s.overlayEnabled} onChange={(e) => void togglePause(e.currentTarget.checked)} />
        <span>{t('popup_pauseEverywhere')}</span>
      </label>
    </div>
  );
}

/** The team's sync state; opening the popup syncs now. */
function PopupTeamStatus() {
  const status = useTeamStatus(() => request('teamSyncNow', {}));
  return <TeamStatusLine status={status.value} compact />;
}
