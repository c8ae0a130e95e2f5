import { setBounded } from '../fixtures/core.js';
import { DEFAULT_LIMITS } from './options.js';

/**
 * State goes through this interface so that a shared store (e.g. Redis) can later back several server
 * processes; the in-memory one is the default. Async on purpose, for that reason.
 */
export interface Store<T> {
  get(id: string): Promise<T | undefined>;
  set(id: string, value: T): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** All values, in insertion order. */
  list(): Promise<T[]>;
  clear(): Promise<void>;
}

/**
 * Keeps at most `maxEntries` objects: when full, a new one drops the oldest created (updates keep their
 * place, so lists stay in creation order). A dropped object answers 404, as an expired one does upstream.
 */
export function createMemoryStore<T>(maxEntries = DEFAULT_LIMITS.storeEntries): Store<T> {
  const items = new Map<string, T>();
  return {
    get: async (id) => items.get(id),
    set: async (id, value) => {
      setBounded(items, id, value, maxEntries);
    },
    delete: async (id) => items.delete(id),
    list: async () => [...items.values()],
    clear: async () => items.clear(),
  };
}

/** Creates named stores on demand and clears them all on reset. */
export interface StoreRegistry {
  store<T>(name: string): Store<T>;
  clear(): Promise<void>;
}

export function createStoreRegistry(
  factory: <T>(name: string) => Store<T> = () => createMemoryStore(),
): StoreRegistry {
  const stores = new Map<string, Store<unknown>>();
  return {
    store<T>(name: string): Store<T> {
      let s = stores.get(name);
      if (!s) {
        s = factory(name);
        stores.set(name, s);
      }
      return s as Store<T>;
    },
    async clear() {
      await Promise.all([...stores.values()].map((s) => s.clear()));
    },
  };
}
