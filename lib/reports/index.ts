/**
 * Every report, in the order the page shows them. To add one: a file here
 * exporting a ReportDefinition (its families and a pure compute), listed below,
 * and its title in the catalogues (`report_<id>`).
 */
import { calls } from './calls';
import { completeness } from './completeness';
import { funnel } from './funnel';
import { growth } from './growth';
import { industries } from './industries';
import { managers } from './managers';
import { refusalReasons } from './refusal-reasons';
import { sources } from './sources';
import { statuses } from './statuses';
import type { ReportDefinition } from './types';

export const REPORTS: readonly ReportDefinition[] = [statuses, industries, refusalReasons, calls, managers, sources, funnel, completeness, growth];
