/**
 * The ports the engine's store reaches the API's tables through (engine/store/ports.ts), as the API
 * implements them: hand `apiPorts` to `new WorkflowService({ ports })`.
 */
import type { EnginePorts } from '../../engine/store/ports.ts';
import { apiCc } from './cc.ts';
import { apiDirectory } from './directory.ts';
import { apiFileRefs } from './file-refs.ts';

export const apiPorts: EnginePorts = { directory: apiDirectory, cc: apiCc, files: apiFileRefs };
