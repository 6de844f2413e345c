/**
 * Virtualised rows with @tanstack/virtual-core directly (its React adapter has
 * broken on Preact before): one Virtualizer per list, its visible items and
 * total size kept in signals, a fixed row height.
 */
import { useSignal, type Signal } from '@preact/signals';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualItem } from '@tanstack/virtual-core';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';

export interface VirtualRows {
  /** Put on the scrolling element. */
  scrollRef: { current: HTMLDivElement | null };
  items: Signal<VirtualItem[]>;
  totalSize: Signal<number>;
  virtualizer: Virtualizer<HTMLDivElement, HTMLElement>;
}

export function useVirtualRows(count: number, rowHeight: number, options: { overscan?: number; viewport?: number; /** What comes before the rows inside the scroller (a sticky header). */ scrollMargin?: number } = {}): VirtualRows {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const items = useSignal<VirtualItem[]>([]);
  const totalSize = useSignal(0);
  const virtualizer = useMemo(
    () =>
      new Virtualizer<HTMLDivElement, HTMLElement>({
        count,
        getScrollElement: () => scrollRef.current,
        estimateSize: () => rowHeight,
        scrollToFn: elementScroll,
        observeElementRect,
        observeElementOffset,
        overscan: options.overscan ?? 8,
        scrollMargin: options.scrollMargin ?? 0,
        // Rows show in the first frame, before the element's size is observed.
        initialRect: { width: 800, height: options.viewport ?? 480 },
        onChange: (instance) => {
          items.value = instance.getVirtualItems();
          totalSize.value = instance.getTotalSize();
        },
      }),
    [],
  );
  useLayoutEffect(() => {
    const cleanup = virtualizer._didMount();
    virtualizer._willUpdate();
    return cleanup;
  }, []);
  useLayoutEffect(() => {
    virtualizer.setOptions({ ...virtualizer.options, count });
    virtualizer._willUpdate();
    items.value = virtualizer.getVirtualItems();
    totalSize.value = virtualizer.getTotalSize();
  }, [count]);
  return { scrollRef, items, totalSize, virtualizer };
}
