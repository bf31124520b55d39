// Loads the hazard data files (seeds/substances.yaml, seeds/flood-hazard.yaml, seeds/evacuation.yaml) with their schemas;
// problems come back as DataFileError (file:line:col: path: message). The hazard models themselves
// (server/hazards/) do no I/O.
import path from 'node:path';
import { loadDataFile, type LoadedDataFile } from '../files/read-data-file.ts';
import { SubstanceCatalogueSchema, type SubstanceCatalogue } from '../../shared/schemas/substances.ts';
import { FloodHazardRulesSchema, type FloodHazardRules } from '../../shared/schemas/flood-hazard.ts';
import { EvacuationRulesSchema, type EvacuationRules } from '../../shared/schemas/evacuation.ts';

export function loadSubstances(seedsDir = 'seeds'): LoadedDataFile<SubstanceCatalogue> {
  return loadDataFile(path.join(seedsDir, 'substances.yaml'), SubstanceCatalogueSchema);
}

export function loadFloodHazardRules(seedsDir = 'seeds'): LoadedDataFile<FloodHazardRules> {
  return loadDataFile(path.join(seedsDir, 'flood-hazard.yaml'), FloodHazardRulesSchema);
}

export function loadEvacuationRules(seedsDir = 'seeds'): LoadedDataFile<EvacuationRules> {
  return loadDataFile(path.join(seedsDir, 'evacuation.yaml'), EvacuationRulesSchema);
}
