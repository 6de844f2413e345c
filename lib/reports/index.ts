/**
 * Every report, in the order the page shows them. To add one: a file here
 * exporting a ReportDefinition (its families and a pure compute), listed below,
 * its title and its chart's description in the catalogues (`report_<id>`,
 * `chart_<id>`, with `-` as `_`), and its chart in lib/ui/options/charts.ts.
 */
import { calls } from './calls';
import { completeness } from './completeness';
import { freshness } from './freshness';
import { funnel } from './funnel';
import { growth } from './growth';
import { industries } from './industries';
import { managers } from './managers';
import { refusalMonths } from './refusal-months';
import { refusalReasons } from './refusal-reasons';
import { sources } from './sources';
import { statuses } from './statuses';
import type { ReportDefinition } from './types';

export const REPORTS: readonly ReportDefinition[] = [statuses, industries, refusalReasons, refusalMonths, calls, managers, sources, funnel, freshness, completeness, growth];
