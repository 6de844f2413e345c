/**
 * An extension page (options, popup) in the language chosen in settings: the
 * catalogue is loaded before the first render, and a change of language
 * renders the page again in the new one.
 */
import { render, type ComponentChild } from 'preact';
import { loadSettings, onSettingsChanged } from '../store/settings';
import { applyLanguage } from './catalogue';
import { setDocumentLanguage, t, type MessageKey } from './i18n';

export async function renderInLanguage(root: HTMLElement, titleKey: MessageKey, app: () => ComponentChild): Promise<void> {
  const draw = () => {
    document.title = t(titleKey);
    setDocumentLanguage(document);
    render(null, root); // every component reads its words again
    render(app(), root);
  };
  try {
    await applyLanguage((await loadSettings()).language);
  } catch (error) {
    console.warn('callmark: settings unavailable', error);
  }
  draw();
  onSettingsChanged((s) => {
    void applyLanguage(s.language).then((changed) => changed && draw());
  });
}
