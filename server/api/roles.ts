// The role × action matrix lives in shared/roles.ts so the board offers only what the server allows.
export * from '../../shared/roles.ts';
