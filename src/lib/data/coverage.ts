/**
 * The one line under the header that says how complete the data is: without it, a map of the
 * dataset's activities reads as a map of all collaboration in Scotland.
 */
import type { SurveyRow } from './queries';
import { formatCount } from '../counts';

export interface SourceKindTotal {
	kind: string;
	n: number;
}

/** The published headline a line compares against: the 2020 survey's activities and returning councils. */
export function surveyHeadline(survey: SurveyRow[]): { activities: number; councils: number } | undefined {
	const headline = survey.filter((row) => row.table_id === 'headline_2020');
	const activities = headline.find((row) => /activities reported/i.test(row.row_label))?.number;
	const councils = headline.find((row) => /councils returning/i.test(row.row_label))?.number;
	return activities !== undefined && councils !== undefined ? { activities, councils } : undefined;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * What the loaded dataset holds, by where its rows come from, beside the survey's own count.
 * `imported` and `synthetic` datasets say what they are instead: their rows cite no report.
 */
export function coverageLine(
	totals: SourceKindTotal[],
	survey: SurveyRow[],
	dataset: { kind: 'embedded' } | { kind: 'imported'; fileName: string } | { kind: 'synthetic' }
): string {
	const count = (kind: string) => totals.find((t) => t.kind === kind)?.n ?? 0;
	const all = totals.reduce((sum, t) => sum + t.n, 0);
	if (dataset.kind === 'synthetic') return `Synthetic data: ${plural(all, 'generated activity', 'generated activities')} for testing, not real collaboration.`;
	if (dataset.kind === 'imported') return `This imported dataset holds ${plural(all, 'activity', 'activities')} from ${dataset.fileName}, as the file gives them.`;
	const parts = [
		count('report') && `${formatCount(count('report'))} from published reports`,
		count('public_record') && `${formatCount(count('public_record'))} from public record`
	].filter(Boolean);
	const held = `This atlas holds ${plural(all, 'cited activity', 'cited activities')}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
	const headline = surveyHeadline(survey);
	if (!headline) return held;
	return `${held} The 2020 survey counted ${plural(headline.activities, 'activity', 'activities')} from ${plural(headline.councils, 'council', 'councils')}; its full list is not published.`;
}
