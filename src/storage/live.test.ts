import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLive, type LiveChange, onRemoteChange, parseLiveChange } from './live.ts';

/** An EventSource stand-in the test drives: emit('change', data), emit('open'), fail(closed?). */
class FakeSource {
  static last: FakeSource | null = null;
  static opened = 0;
  readyState = 0;
  closed = false;
  private handlers = new Map<string, ((e: { data?: string }) => void)[]>();
  constructor() {
    FakeSource.last = this;
    FakeSource.opened++;
  }
  addEventListener(type: string, fn: (e: { data?: string }) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
  }
  emit(type: string, data?: string) {
    for (const fn of this.handlers.get(type) ?? []) fn({ data });
  }
  close() {
    this.closed = true;
  }
}
const open = () => new FakeSource() as unknown as EventSource;

afterEach(() => {
  vi.useRealTimers();
  FakeSource.opened = 0;
});

describe('live stream', () => {
  it('reads change events and refuses anything else', () => {
    expect(
      parseLiveChange('{"module":"lights","id":"A","version":2,"deleted":false,"insee":"62160"}'),
    ).toEqual({ module: 'lights', id: 'A', version: 2, deleted: false, insee: '62160' });
    expect(parseLiveChange('{"module":"advice","summary":true,"insee":"62160"}')).toEqual({
      module: 'advice',
      summary: true,
      insee: '62160',
    });
    for (const bad of ['', 'null', '[]', '{"module":"users"}', '{"id":"A"}', '{'])
      expect(parseLiveChange(bad)).toBeNull();
  });

  it('gathers one module’s events into one batch and tells every module to catch up after a reconnection', () => {
    vi.useFakeTimers();
    const lights: [LiveChange[], string][] = [];
    const advice: [LiveChange[], string][] = [];
    const offLights = onRemoteChange('lights', (c, r) => lights.push([c, r]));
    const offAdvice = onRemoteChange('advice', (c, r) => advice.push([c, r]));
    const statuses: string[] = [];
    const stop = connectLive({ open, onStatus: (s) => statuses.push(s) });
    const source = FakeSource.last!;
    source.emit('open');
    for (let i = 0; i < 100; i++) source.emit('change', JSON.stringify({ module: 'lights', id: `P${i}` }));
    source.emit('change', 'not json');
    vi.advanceTimersByTime(150);
    expect(lights).toHaveLength(1);
    expect(lights[0]![0]).toHaveLength(100);
    expect(lights[0]![1]).toBe('change');
    expect(advice).toEqual([]);
    // The connection drops and the browser reopens it: events sent meanwhile are lost, so everyone re-reads.
    source.readyState = 0;
    source.emit('error');
    source.emit('open');
    expect(lights.at(-1)).toEqual([[], 'resync']);
    expect(advice).toEqual([[[], 'resync']]);
    // The server's own resync (its LISTEN link came back) does the same.
    source.emit('resync');
    expect(advice).toHaveLength(2);
    expect(statuses).toEqual(['connecting', 'open', 'connecting', 'open']);
    offLights();
    offAdvice();
    stop();
    expect(source.closed).toBe(true);
  });

  it('opens a new stream when the browser gave up on the old one (HTTP error)', () => {
    vi.useFakeTimers();
    const stop = connectLive({ open });
    const first = FakeSource.last!;
    first.readyState = 2;
    first.emit('error');
    expect(FakeSource.opened).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(FakeSource.opened).toBe(2);
    expect(FakeSource.last).not.toBe(first);
    stop();
    expect(FakeSource.last!.closed).toBe(true);
  });
});
