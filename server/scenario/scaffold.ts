// Scaffolding a new drill from a template (`sim scenario new <template> <file>`): the templates are
// the drills of the library (scenarios/drill-*.yaml), one per formation (高低大化 林震洪交, a normal
// day, cross-region), found by their `formation:` or file name. The copy keeps the template's
// comments and script and is set up for playing: manual mode, a title the trainer replaces, the
// schema line pointing at scenarios/scenario.schema.json from wherever the new file lives.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

export interface Template { name: string; file: string; formation?: string; title: string }

/** The drills of a scenarios directory that can serve as templates, by formation (or file name). */
export function listTemplates(scenariosDir: string): Template[] {
  let files: string[];
  try {
    files = fs.readdirSync(scenariosDir).filter((f) => /^drill-.*\.ya?ml$/i.test(f)).sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    const doc = parseDocument(fs.readFileSync(path.join(scenariosDir, f), 'utf8'));
    const formation = doc.get('formation');
    const title = [doc.get('nameZh'), doc.get('name')].filter((x) => typeof x === 'string').join(' / ');
    const base = f.replace(/\.ya?ml$/i, '');
    return { name: typeof formation === 'string' ? formation : base.replace(/^drill-/, ''), file: path.join(scenariosDir, f), ...(typeof formation === 'string' ? { formation } : {}), title };
  });
}

/** The template a name picks: a formation, or a drill's file name with or without `drill-`. */
export function findTemplate(templates: readonly Template[], wanted: string): Template | undefined {
  const w = wanted.replace(/\.ya?ml$/i, '');
  return templates.find((t) => t.name === w) ?? templates.find((t) => path.basename(t.file).replace(/\.ya?ml$/i, '') === w || path.basename(t.file).replace(/\.ya?ml$/i, '') === `drill-${w}`);
}

export interface ScaffoldOptions {
  /** Title in English and Chinese; default: the template's with "(new drill)". */
  name?: string;
  nameZh?: string;
  seed?: number;
  /** Default manual: the players dispatch (the template library runs in auto mode for its tests). */
  mode?: 'auto' | 'manual';
  /** Where the new file will be (for the schema line's relative path). */
  target: string;
  /** The scenarios directory (where scenario.schema.json is). */
  scenariosDir: string;
}

/** The text of a new drill made from a template's text. */
export function scaffoldDrill(templateText: string, templateFile: string, opts: ScaffoldOptions): string {
  const doc = parseDocument(templateText);
  const name = doc.get('name');
  const nameZh = doc.get('nameZh');
  doc.set('name', opts.name ?? `${typeof name === 'string' ? name : 'Drill'} (new drill)`);
  doc.set('nameZh', opts.nameZh ?? `${typeof nameZh === 'string' ? nameZh : '演练'}(新建)`);
  doc.set('mode', opts.mode ?? 'manual');
  if (opts.seed !== undefined) doc.set('seed', opts.seed);
  const schema = path.relative(path.dirname(path.resolve(opts.target)), path.resolve(opts.scenariosDir, 'scenario.schema.json')).split(path.sep).join('/');
  const header = [
    `# yaml-language-server: $schema=${schema.startsWith('.') ? schema : `./${schema}`}`,
    `# Made by \`sim scenario new\` from ${path.basename(templateFile)}: change the title, place, times, injects and`,
    '# expected actions to your drill, then check it with `npm run sim -- validate <file>`.',
  ];
  // The template's own schema line is replaced by the one that points right from the new place.
  const body = doc.toString({ lineWidth: 0 }).split('\n').filter((l) => !l.startsWith('# yaml-language-server:')).join('\n');
  return `${header.join('\n')}\n${body}`;
}
