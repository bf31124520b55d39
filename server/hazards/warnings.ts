// The model's limits, shown to users as warnings on the zone rather than hidden (ALOHA's stated
// limits, DOMAIN.md §9 and §11).
export type HazardWarningCode =
  | 'low-wind'
  | 'near-source'
  | 'dense-gas'
  | 'no-terrain-steering'
  | 'stable-class'
  | 'erg-container-substituted'
  | 'erg-no-protective-distance'
  | 'flood-no-velocity'
  | 'flood-coarse-elevation';

export interface HazardWarning {
  code: HazardWarningCode;
  message: string;
}

/** Below this wind ALOHA calls its Gaussian results unreliable (DOMAIN.md §11: about 1.3 m/s). */
export const UNRELIABLE_WIND_MS = 1.3;
/** Closer to the source than this the concentrations are patchy (ALOHA does not report them). */
export const NEAR_SOURCE_M = 100;
