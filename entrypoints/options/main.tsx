import '../../lib/ui/options/options.css';
import { OptionsApp } from '../../lib/ui/options/App';
import { renderInLanguage } from '../../lib/ui/page-language';
import { rebuildIfStale } from '../../lib/ui/options/rebuild';
import { database } from '../../lib/store/db';

// Wiring only: the page lives in lib/ui/options.
// The base is opened while the page draws, so the first section's reads do not wait for it (a failure shows in the section).
void database().catch(() => undefined);
void renderInLanguage(document.getElementById('app')!, 'optionsTitle', () => <OptionsApp />);
// The report totals an earlier page left half-rebuilt (it closed mid-way) are rebuilt now.
void rebuildIfStale().catch((e: unknown) => console.warn('callmark: totals rebuild failed', e));
