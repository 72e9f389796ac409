import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { fetchSampleMeta, sampleLoader } from './sample.ts';

const territory = { communes: { type: 'FeatureCollection', features: [] } } as unknown as TerritoryData;
/** A module of the test: `loaded` stands for its data. */
let loaded: string[] | null = null;

function loader(load: () => Promise<string[]>) {
  return sampleLoader({
    isEmpty: () => loaded === null,
    load,
    apply: (sample) => {
      loaded = sample;
    },
  });
}

beforeEach(() => {
  loaded = null;
  useAppStore.setState({ workspaceReady: true, territory });
});
afterEach(() => {
  vi.unstubAllGlobals();
  useAppStore.setState({ workspaceReady: false, territory: null });
});

describe('sampleLoader', () => {
  it('waits for the restored workspace and the territory', async () => {
    const load = vi.fn(async () => ['a']);
    const ensure = loader(load);
    useAppStore.setState({ workspaceReady: false });
    await ensure();
    useAppStore.setState({ workspaceReady: true, territory: null });
    await ensure();
    expect(load).not.toHaveBeenCalled();
    expect(loaded).toBeNull();
  });

  it('reads the sample once for concurrent and later callers', async () => {
    const sample = ['a', 'b'];
    const load = vi.fn(async () => sample);
    const ensure = loader(load);
    const first = ensure();
    expect(ensure()).toBe(first);
    await Promise.all([first, ensure()]);
    expect(loaded).toBe(sample);
    // Emptied again (the user cleared the module): the same sample comes back without a second read.
    loaded = null;
    await ensure();
    expect(loaded).toBe(sample);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never writes over data that arrived while it loaded, and does nothing when there is data', async () => {
    let release: (value: string[]) => void = () => undefined;
    const ensure = loader(() => new Promise((resolve) => (release = resolve)));
    const pending = ensure();
    loaded = ['user file'];
    release(['sample']);
    await pending;
    expect(loaded).toEqual(['user file']);
    await ensure();
    expect(loaded).toEqual(['user file']);
  });

  it('forgets a failed load, so that the next call retries', async () => {
    const load = vi
      .fn<() => Promise<string[]>>()
      .mockRejectedValueOnce(new Error('HTTP 404'))
      .mockResolvedValueOnce(['a']);
    const ensure = loader(load);
    await expect(ensure()).rejects.toThrow('HTTP 404');
    await ensure();
    expect(loaded).toEqual(['a']);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reads a new sample for another territory', async () => {
    const load = vi.fn(async () => ['a']);
    const ensure = loader(load);
    await ensure();
    loaded = null;
    useAppStore.setState({ territory: { ...territory } });
    await ensure();
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('fetchSampleMeta', () => {
  it('reads the side file, and an absent or malformed one as {}', async () => {
    const respond = (body: string, status = 200) =>
      vi.stubGlobal('fetch', async () => new Response(body, { status }));
    respond('{"seed":42}');
    expect(await fetchSampleMeta<{ seed: number }>('sample-x.meta.json')).toEqual({ seed: 42 });
    respond('not json');
    expect(await fetchSampleMeta('sample-x.meta.json')).toEqual({});
    respond('', 404);
    expect(await fetchSampleMeta('sample-x.meta.json')).toEqual({});
  });
});
