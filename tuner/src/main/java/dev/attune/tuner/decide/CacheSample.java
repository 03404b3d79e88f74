package dev.attune.tuner.decide;

import dev.attune.tuner.aggregate.cache.HitRatioCurve;

/**
 * One control period of one cache, as {@link CacheSizeRule} sees it. Sizes are in the cache's own unit: entries,
 * or weight for a weighted cache.
 *
 * @param maximum            the cache's maximum now
 * @param size               entries (or weight) it holds now
 * @param requestsPerSec     lookups per second in the period
 * @param hitRatio           hits over lookups in the period, 0..1 (NaN when there was no lookup)
 * @param missPenaltyNanos   mean time of a miss that loads (NaN when the cache does not load, or none did)
 * @param bytesPerUnit       estimated heap bytes per unit of size (NaN until estimated)
 * @param curve              the predicted hit ratio at other maximums, calibrated to the measured one (null until
 *                           the model has one)
 * @param heapAfterGcShare   heap used after the last GC over the max heap, 0..1 (NaN when unknown)
 * @param budgetHeadroomBytes heap bytes the cache may still take within the caches' shared budget (may be negative:
 *                           the tuned caches together are above it)
 */
public record CacheSample(long maximum, long size, double requestsPerSec, double hitRatio, double missPenaltyNanos,
                          double bytesPerUnit, HitRatioCurve curve, double heapAfterGcShare,
                          double budgetHeadroomBytes) {
}
