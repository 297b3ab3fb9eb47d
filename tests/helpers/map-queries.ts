/**
 * Single figures the tests ask for on their own. The page never needs one alone: it takes them
 * all from `mapAndCharts`, so these read them from that one statement (with no chart, every
 * filter then applies to every part) and the tests check what the page runs.
 */
import type { Filters } from '../../src/lib/data/filters';
import { mapAndCharts, opportunityFinder, type CouncilCount, type CouncilLink, type SqlRunner } from '../../src/lib/data/queries';
import type { Opportunity } from '../../src/lib/data/insight';
import type { OpportunityQuery } from '../../src/lib/data/insight-queries';

/** Every council with its filtered activities (zero for none), by name. */
export async function councilCounts(db: SqlRunner, filters: Filters): Promise<CouncilCount[]> {
	return (await mapAndCharts(db, filters, [])).councils;
}

/** Council pairs sharing filtered non-national activities, most shared first. */
export async function councilLinks(db: SqlRunner, filters: Filters): Promise<CouncilLink[]> {
	return (await mapAndCharts(db, filters, [])).links;
}

/** Filtered national activities (the map shows them as a count, not as links). */
export async function nationalCount(db: SqlRunner, filters: Filters): Promise<number> {
	return (await mapAndCharts(db, filters, [])).national;
}

/** The joinable opportunities alone, without the comparable fixed-membership bodies. */
export async function opportunities(db: SqlRunner, query: OpportunityQuery, filters: Filters): Promise<Opportunity[]> {
	return (await opportunityFinder(db, query, filters)).opportunities;
}
