// The 1,000-route apps of the startup measurement: half static, half with a validated path
// parameter and an optional query parameter, as a mid-sized API has. One module per
// framework, so a process measuring one never loads the other.

export const ROUTE_COUNT = 1_000;
/** The last route declared: answering it means every route is in place. */
export const LAST_ROUTE_PATH = `/r${ROUTE_COUNT - 1}/items/1`;
