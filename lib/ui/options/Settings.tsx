/**
 * The settings section (#settings): the user's name, country, staleness, the
 * refusal reasons and industries, language and badge size.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { getCountries } from 'libphonenumber-js/max';
import type { Settings } from '../../model/settings';
import { loadSettings, onSettingsChanged, saveSettings } from '../../store/settings';
import { Field, ListEditor, TextInput } from '../form/components';
import { t, uiLocale } from '../i18n';
import { ReasonsEditor } from './ReasonsEditor';
import { RubricsSection, remapAfter } from './Rubrics';
import { draftFrom, settingsFromDraft, type DraftError, type DraftErrors, type SettingsDraft } from './settingsForm';
import { displayError } from '../../messages/errors';

const errorText = (e: DraftError | undefined) => (e ? t(e.key, ...(e.args ?? [])) : undefined);

export function SettingsSection() {
  const current = useSignal<Settings | null>(null);
  const draft = useSignal<SettingsDraft | null>(null);
  const errors = useSignal<DraftErrors>({});
  const status = useSignal<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const saveError = useSignal('');
  /** Whether the user changed something since the last load or save. */
  const dirty = useSignal(false);

  useEffect(() => {
    void loadSettings().then((s) => {
      current.value = s;
      draft.value = draftFrom(s);
    });
    // Another page (the popup) changed settings: take them, unless the user is editing here.
    return onSettingsChanged((s) => {
      current.value = s;
      if (!dirty.value) draft.value = draftFrom(s);
    });
  }, []);

  const countries = useMemo(() => {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([uiLocale()], { type: 'region' });
    } catch {
      names = undefined;
    }
    return getCountries()
      .map((code) => ({ code, name: names?.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, uiLocale()));
  }, []);

  const d = draft.value;
  if (!d || !current.value) {
    return (
      <section id="settings" class="card">
        <h2>{t('options_navSettings')}</h2>
        <p class="muted">{t('popup_loading')}</p>
      </section>
    );
  }

  const patch = (p: Partial<SettingsDraft>) => {
    draft.value = { ...d, ...p };
    dirty.value = true;
    if (status.value === 'saved') status.value = 'idle';
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    saveError.value = '';
    const result = settingsFromDraft(d, current.value!);
    if (result.errors) {
      errors.value = result.errors;
      status.value = 'error';
      requestAnimationFrame(() => document.querySelector('.field--invalid, [aria-invalid="true"]')?.scrollIntoView({ block: 'center' }));
      return;
    }
    errors.value = {};
    status.value = 'saving';
    try {
      // Only the fields this form edits: the popup's switches may have changed meanwhile.
      const { managerName, defaultCountry, staleAfterDays, refusalReasons, retiredReasons, reasonAliases, requireRefusalReason, industries, language, badgeSize } =
        result.settings;
      const before = current.value!;
      const saved = await saveSettings({
        managerName,
        defaultCountry,
        staleAfterDays,
        refusalReasons,
        retiredReasons,
        reasonAliases,
        requireRefusalReason,
        industries,
        language,
        badgeSize,
      });
      // The shipped suggestions depend on the list of industries: companies follow a changed list.
      if (JSON.stringify(before.industries) !== JSON.stringify(saved.industries)) await remapAfter(saved);
      current.value = saved;
      draft.value = draftFrom(saved);
      dirty.value = false;
      status.value = 'saved';
    } catch (e) {
      saveError.value = displayError(e);
      status.value = 'error';
    }
  };

  const listErrors = (field: 'refusalReasons' | 'industries') => {
    const out: Record<number, string> = {};
    for (const [k, v] of Object.entries(errors.value)) {
      const m = new RegExp(`^${field}\\.(\\d+)$`).exec(k);
      if (m) out[Number(m[1])] = errorText(v)!;
    }
    return out;
  };
  const listLabels = { add: t('list_add'), remove: t('list_remove'), moveUp: t('list_moveUp'), moveDown: t('list_moveDown'), empty: t('list_empty') };
  const e = errors.value;

  return (
    <section id="settings" class="card">
      <h2>{t('options_navSettings')}</h2>
      <form class="settings-form" data-testid="settings-form" onSubmit={save} noValidate>
        <div class="grid2">
          <Field label={t('options_managerName')} hint={t('options_managerNameHint')} error={errorText(e.managerName)}>
            {(id, desc, inv) => (
              <TextInput
                id={id}
                data-testid="managerName"
                maxLength={250}
                aria-describedby={desc}
                aria-invalid={inv || undefined}
                value={d.managerName}
                onValue={(managerName) => patch({ managerName })}
              />
            )}
          </Field>
          <Field label={t('options_defaultCountry')} hint={t('options_defaultCountryHint')} error={errorText(e.defaultCountry)}>
            {(id, desc, inv) => (
              <select
                id={id}
                data-testid="defaultCountry"
                aria-describedby={desc}
                aria-invalid={inv || undefined}
                value={d.defaultCountry}
                onChange={(ev) => patch({ defaultCountry: ev.currentTarget.value })}
              >
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('options_staleAfterDays')} hint={t('options_staleAfterDaysHint')} error={errorText(e.staleAfterDays)}>
            {(id, desc, inv) => (
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={1}
                max={3650}
                step={1}
                data-testid="staleAfterDays"
                aria-describedby={desc}
                aria-invalid={inv || undefined}
                value={d.staleAfterDays}
                onInput={(ev) => patch({ staleAfterDays: ev.currentTarget.value })}
              />
            )}
          </Field>
          <Field label={t('options_language')} hint={t('options_languageHint')}>
            {(id, desc) => (
              <select id={id} data-testid="language" aria-describedby={desc} value={d.language} onChange={(ev) => patch({ language: ev.currentTarget.value as SettingsDraft['language'] })}>
                <option value="browser">{t('options_languageBrowser')}</option>
                <option value="ru">{t('options_languageRu')}</option>
                <option value="en">{t('options_languageEn')}</option>
              </select>
            )}
          </Field>
          <Field label={t('options_badgeSize')} hint={t('options_badgeSizeHint')}>
            {(id, desc) => (
              <select id={id} data-testid="badgeSize" aria-describedby={desc} value={d.badgeSize} onChange={(ev) => patch({ badgeSize: ev.currentTarget.value as SettingsDraft['badgeSize'] })}>
                <option value="normal">{t('options_badgeNormal')}</option>
                <option value="compact">{t('options_badgeCompact')}</option>
              </select>
            )}
          </Field>
        </div>

        <div class="grid2 lists">
          <div class={`field${e.refusalReasons ? ' field--invalid' : ''}`}>
            <label>{t('options_refusalReasons')}</label>
            <label class="check require">
              <input
                type="checkbox"
                data-testid="requireRefusalReason"
                checked={d.requireRefusalReason}
                onChange={(ev) => patch({ requireRefusalReason: ev.currentTarget.checked })}
              />
              <span>{t('options_requireReason')}</span>
            </label>
            <ReasonsEditor
              rows={{ items: d.refusalReasons, origins: d.reasonOrigins ?? [] }}
              retired={[...current.value.retiredReasons, ...current.value.refusalReasons.filter((r) => !(d.reasonOrigins ?? []).includes(r))]}
              onChange={(rows) => patch({ refusalReasons: rows.items, reasonOrigins: rows.origins })}
              errors={listErrors('refusalReasons')}
            />
            {e.refusalReasons ? (
              <p class="field__error" role="alert">
                {errorText(e.refusalReasons)}
              </p>
            ) : null}
          </div>
          <div class={`field${e.industries ? ' field--invalid' : ''}`}>
            <label>{t('options_industries')}</label>
            <p class="field__hint">{t('options_industriesHint')}</p>
            <ListEditor
              testid="industries"
              items={d.industries}
              onChange={(industries) => patch({ industries })}
              labels={listLabels}
              itemLabel={(i) => `${t('options_industries')} ${i + 1}`}
              errors={listErrors('industries')}
            />
            {e.industries ? (
              <p class="field__error" role="alert">
                {errorText(e.industries)}
              </p>
            ) : null}
          </div>
        </div>

        <div class="settings-actions">
          <button type="submit" class="btn btn--primary" data-testid="settings-save" disabled={status.value === 'saving'}>
            {t('options_save')}
          </button>
          {status.value === 'saved' ? (
            <span class="notice notice--ok inline" role="status" data-testid="settings-saved">
              {t('options_saved')}
            </span>
          ) : null}
          {status.value === 'error' ? (
            <span class="notice notice--error inline" role="alert" data-testid="settings-error">
              {saveError.value || errorText(e.form) || t('options_fixErrors')}
            </span>
          ) : null}
          {dirty.value && status.value === 'idle' ? <span class="muted small">{t('options_unsaved')}</span> : null}
        </div>
      </form>
      <RubricsSection settings={current.value} onSaved={(saved) => (current.value = saved)} />
    </section>
  );
}
