/** Documents as data: the kinds, and when each may be printed under a scheme. */
export * from './kinds';
export * from './printing';
