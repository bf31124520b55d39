// The OpenAPI 3.1 description of the REST API, served at /api/openapi.json. A test compares its
// paths and methods with the routes express actually has, so the two cannot drift apart.
const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, content: json(schema) });
const errors = {
  '400': { $ref: '#/components/responses/Error' },
  '401': { $ref: '#/components/responses/Error' },
  '403': { $ref: '#/components/responses/Error' },
  '404': { $ref: '#/components/responses/Error' },
  '409': { $ref: '#/components/responses/Error' },
  '429': { $ref: '#/components/responses/Error' },
};
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const code = [{ joinCode: [] }];

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Fire-rescue dispatch simulator: exercise server (消防救援调度指挥推演)',
    version: '0.1.0',
    description:
      'JSON over HTTP. Every error is { "error": { "code", "message", "details" } }. Exercise endpoints need the exercise join ' +
      'code in the x-join-code header; each role (controller 导调, commander 指挥员, observer 观察员) reaches only its own actions. ' +
      'Live updates come over socket.io (websocket transport), contract in shared/live.ts.',
  },
  components: {
    securitySchemes: { joinCode: { type: 'apiKey', in: 'header', name: 'x-join-code' } },
    responses: { Error: { description: 'an error', content: json(ref('Error')) } },
    schemas: {
      Error: {
        type: 'object', required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message', 'details'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
      },
      Codes: { type: 'object', properties: { controller: { type: 'string' }, commander: { type: 'string' }, observer: { type: 'string' } } },
      Exercise: {
        type: 'object',
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, scenario: { type: 'string' }, regionId: { type: 'string' }, seed: { type: 'integer' },
          mode: { enum: ['auto', 'manual'] }, status: { enum: ['created', 'running', 'paused', 'stopped', 'archived'] }, speed: { type: 'number' },
          simTime: { type: 'integer' }, seq: { type: 'integer' }, endsAt: { type: 'integer' }, startIso: { type: 'string' },
          checkpoint: { type: ['object', 'null'], properties: { seq: { type: 'integer' }, simTime: { type: 'integer' }, digest: { type: 'string' } } },
          role: { type: 'string' }, actions: { type: 'array', items: { type: 'string' } },
          injects: {
            type: 'array', items: ref('PendingInject'),
            description: 'scripted injects not fired or skipped yet, in firing order (FIRE_INJECT / SKIP_INJECT take their id); ' +
              'only for roles that may fire injects (controller): the script is the controller\'s secret, so it is always empty for commanders and observers',
          },
          script: {
            type: 'array', items: { type: 'object', required: ['id', 'kind', 'status', 'adHoc'] },
            description: 'the whole MSEL (every inject with its status pending / held / fired / skipped, its time, how far it was postponed, ' +
              'each contingency\'s condition and whether it holds now); controller only, like injects',
          },
        },
      },
      PendingInject: {
        type: 'object', required: ['id', 'at', 'type', 'location', 'description'],
        properties: {
          id: { type: 'string', description: 'the scripted call\'s id, or inj-1, inj-2 … in file order' },
          at: { type: 'integer', description: 'sim ms at which it fires by itself' },
          type: { type: 'string', description: 'incident type' },
          location: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[lat, lon]' },
          description: { type: 'string' },
        },
      },
      ControlAction: {
        oneOf: [
          { type: 'object', properties: { action: { enum: ['start', 'pause', 'resume', 'stop'] } }, required: ['action'] },
          { type: 'object', properties: { action: { const: 'speed' }, speed: { type: 'number', minimum: 0.5, maximum: 120 } }, required: ['action', 'speed'] },
          { type: 'object', properties: { action: { const: 'step' }, ms: { type: 'integer', minimum: 1 } }, required: ['action'] },
        ],
      },
      Command: { type: 'object', required: ['type'], description: 'a command of shared/commands.ts (CommandSchema)', properties: { type: { type: 'string' } } },
      ScenarioUpload: { type: 'object', required: ['source'], properties: { source: { type: 'string', description: 'scenario YAML' }, id: { type: 'string' } } },
    },
  },
  paths: {
    '/api/health': { get: { summary: 'liveness', responses: { '200': ok('up') } } },
    '/api/openapi.json': { get: { summary: 'this document', responses: { '200': ok('OpenAPI 3.1') } } },
    '/api/regions': { get: { summary: 'regions of the seeds directory', responses: { '200': ok('regions') } } },
    '/api/regions/{id}': { get: { summary: 'a region: bounds, jurisdictions, stations', parameters: [id], responses: { '200': ok('region'), ...errors } } },
    '/api/regions/{id}/map': { get: { summary: 'vector map of the region (roads, areas) for the board', parameters: [id], responses: { '200': ok('map data (shared/map-data.ts)'), ...errors } } },
    '/api/regions/{id}/coverage': {
      get: {
        summary: 'coverage figures of the region: shares within 5 min (stations), 3 min (micro), township target; biggest gaps',
        parameters: [id, { name: 'time', in: 'query', schema: { enum: ['day', 'night'] } }],
        responses: { '200': ok('coverage figures (shared/schemas/coverage.ts CoverageFigures)'), ...errors },
      },
    },
    '/api/regions/{id}/isochrones/{stationId}': {
      get: {
        summary: 'isochrone bands (3/5/8/10/15 min) of a station as GeoJSON MultiPolygons',
        parameters: [id, { name: 'stationId', in: 'path', required: true, schema: { type: 'string' } }, { name: 'time', in: 'query', schema: { enum: ['day', 'night'] } }, { name: 'turnout', in: 'query', schema: { enum: ['0', '1'] } }],
        responses: { '200': ok('isochrones (shared/schemas/coverage.ts StationIsochrones)'), ...errors },
      },
    },
    '/api/scenarios': {
      get: { summary: 'scenarios: shipped files and uploads', responses: { '200': ok('scenarios and problems') } },
      post: {
        summary: 'upload a scenario (validated first)',
        requestBody: { content: { ...json(ref('ScenarioUpload')), 'text/yaml': { schema: { type: 'string' } } } },
        responses: { '201': ok('the stored scenario'), '422': { $ref: '#/components/responses/Error' }, ...errors },
      },
    },
    '/api/scenarios/validate': {
      post: {
        summary: 'validate a scenario; problems as file:line:col: path: message',
        requestBody: { content: { ...json(ref('ScenarioUpload')), 'text/yaml': { schema: { type: 'string' } } } },
        responses: { '200': ok('valid'), '422': { $ref: '#/components/responses/Error' }, ...errors },
      },
    },
    '/api/exercises': {
      get: { summary: 'exercises (archived ones with ?all=1)', parameters: [{ name: 'all', in: 'query', schema: { type: 'string' } }], responses: { '200': ok('list') } },
      post: {
        summary: 'create an exercise; returns its id and one join code per role',
        requestBody: { required: true, content: json({ type: 'object', required: ['scenario'], properties: { scenario: { type: 'string' }, seed: { type: 'integer' }, mode: { enum: ['auto', 'manual'] }, speed: { type: 'number' }, name: { type: 'string' } } }) },
        responses: { '201': ok('created', { type: 'object', properties: { id: { type: 'string' }, codes: ref('Codes'), exercise: ref('Exercise') } }), ...errors },
      },
    },
    '/api/exercises/{id}': { get: { summary: 'an exercise: status, clock, seq, the state digest of its last checkpoint and (controller only) the pending injects', security: code, parameters: [id], responses: { '200': ok('exercise', ref('Exercise')), ...errors } } },
    '/api/exercises/{id}/join': {
      post: { summary: 'check a join code (rate-limited per address; a deviceToken from an earlier join spares a right code the slowing)', parameters: [id], requestBody: { required: true, content: json({ type: 'object', required: ['code'], properties: { code: { type: 'string' }, deviceToken: { type: 'string', maxLength: 512 } } }) }, responses: { '200': ok('role, actions and a deviceToken for the next join'), ...errors } },
    },
    '/api/exercises/{id}/control': { post: { summary: 'clock control (controller): start, pause, resume, speed, step, stop', security: code, parameters: [id], requestBody: { required: true, content: json(ref('ControlAction')) }, responses: { '200': ok('clock'), ...errors } } },
    '/api/exercises/{id}/commands': { post: { summary: 'apply a command; answered after its events are stored', security: code, parameters: [id], requestBody: { required: true, content: json(ref('Command')) }, responses: { '200': ok('result: seqFrom, seqTo, incidentId?'), ...errors } } },
    '/api/exercises/{id}/incidents/{incidentId}/etas': {
      get: { summary: 'ETAs of chosen units to an incident (?units=a,b; at most 50): turnout plus the drive, null when no open road leads there', security: code, parameters: [id, { name: 'incidentId', in: 'path', required: true, schema: { type: 'string' } }, { name: 'units', in: 'query', required: true, schema: { type: 'string' } }], responses: { '200': ok('{ etas: [{ unitId, etaSec, orderable }] }'), ...errors } },
    },
    '/api/exercises/{id}/incidents/{incidentId}/recommendation': {
      get: { summary: 'dispatch recommendation for an incident (调派建议)', security: code, parameters: [id, { name: 'incidentId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': ok('recommendation'), ...errors } },
    },
    '/api/exercises/{id}/evacuation-estimate': {
      post: { summary: 'people inside an area to evacuate (population data) and the longest it takes, before EVACUATE_AREA (commander, controller)', security: code, parameters: [id], requestBody: { required: true, content: json({ type: 'object', required: ['area'], properties: { area: { type: 'object' } } }) }, responses: { '200': ok('{ people, minutesAtMost }'), ...errors } },
    },
    '/api/exercises/{id}/archive': { post: { summary: 'archive (stops it first); hidden from the default list', security: code, parameters: [id], responses: { '200': ok('exercise', ref('Exercise')), ...errors } } },
    '/api/exercises/{id}/codes': {
      get: { summary: 'join codes of the exercise (controller)', security: code, parameters: [id], responses: { '200': ok('codes'), ...errors } },
      post: { summary: 'a new join code, e.g. a commander limited to one jurisdiction (controller)', security: code, parameters: [id], requestBody: { required: true, content: json({ type: 'object', required: ['role'], properties: { role: { enum: ['controller', 'commander', 'observer'] }, jurisdictionId: { type: 'string' } } }) }, responses: { '201': ok('code'), ...errors } },
    },
    '/api/exercises/{id}/events': {
      get: {
        summary: 'stored events after a seq (redacted for commanders and observers)', security: code,
        parameters: [id, { name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000 } }],
        responses: { '200': ok('events'), ...errors },
      },
    },
    '/api/exercises/{id}/snapshot': { get: { summary: 'the board state (shared/board-state.ts) at the current seq', security: code, parameters: [id], responses: { '200': ok('BoardSnapshot'), ...errors } } },
    '/api/exercises/{id}/metrics': { get: { summary: 'run summary: time segments, dispatches, escalations', security: code, parameters: [id], responses: { '200': ok('summary'), ...errors } } },
    '/api/exercises/{id}/participants': {
      get: { summary: 'participant sessions of the exercise (role, name, joined, left), controller only', security: code, parameters: [id], responses: { '200': ok('sessions'), ...errors } },
    },
    '/api/exercises/{id}/report': {
      get: {
        summary: 'after-action report (html, pdf on A4 printed by headless chromium, json or csv): controller and observers at any time, commanders once the drill is over', security: code,
        parameters: [id, { name: 'format', in: 'query', schema: { enum: ['html', 'pdf', 'json', 'csv'] } }, { name: 'lang', in: 'query', schema: { enum: ['zh', 'en'] } },
          { name: 'table', in: 'query', schema: { enum: ['incidents', 'units'] } }, { name: 'targets', in: 'query', schema: { enum: ['county', 'nfpa'] } }],
        responses: { '200': ok('report'), ...errors },
      },
    },
    '/api/exercises/{id}/replay': {
      get: {
        summary: 'replay scrubber: the board state at sim time `at` (ms) and the events just before it (controller at any time, others once the drill is over)', security: code,
        parameters: [id, { name: 'at', in: 'query', required: true, schema: { type: 'number', minimum: 0 } }, { name: 'recent', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 500 } }, { name: 'origin', in: 'query', description: '1: also the board before the first event (origin), to fold the log client-side', schema: { enum: ['0', '1'] } }],
        responses: { '200': ok('BoardState at a moment'), ...errors },
      },
    },
    '/api/exercises/{id}/fork': {
      post: {
        summary: 'counterfactual fork from sim time `at` (controller): headless with changed commands, compared with the original (200); or `live: true`, a new exercise paused at `at` with the same history and random streams, its three join codes shown once (201)', security: code, parameters: [id],
        requestBody: { required: true, content: json({ type: 'object', required: ['at'], properties: { at: { type: 'integer', minimum: 0 }, commands: { type: 'array' }, keepLaterCommands: { type: 'boolean' }, live: { type: 'boolean' } } }) },
        responses: { '200': ok('comparison'), '201': ok('the live fork: id, codes, forkOf, at, sharedSeq, status, clock'), ...errors },
      },
    },
    '/api/exercises/{id}/stations': { get: { summary: 'the roster: jurisdictions, stations with tier and kind, units with type names', security: code, parameters: [id], responses: { '200': ok('roster'), ...errors } } },
  },
} as const;
