/** The OGL attribution the boundary licence requires wherever the map or its derivatives appear. */
export const BOUNDARY_ATTRIBUTION =
	'Contains OS, ONS, National Records Scotland and LPS data © Crown copyright and database right 2016 (Open Government Licence v3). Land: Natural Earth.';
