/**
 * Builds the services analyzers may use (corpus store, loaded models) for a CLI run. Each service
 * is optional: without it, the analyzers that need it say so in their findings or stay silent.
 */
import { loadShippedModels } from '../models/shipped.js';

export interface ServiceOptions {
  db?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface LoadedServices {
  services: Record<string, unknown>;
  close(): void;
}

/** Loads what is available; never fails because an optional service is absent. */
export async function loadServices(_options: ServiceOptions): Promise<LoadedServices> {
  const services: Record<string, unknown> = {};
  services.models = await loadShippedModels();
  return { services, close() {} };
}
