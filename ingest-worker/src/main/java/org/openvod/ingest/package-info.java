/**
 * The ingest worker: turns asset lifecycle events into packaged outputs and notifications.
 *
 * <pre>
 * vod.asset-lifecycle ─▶ consumer/LifecycleConsumer (group {prefix}ingest-worker; one job per
 *                        partition at a time, off the poll thread; commit after the job's last
 *                        notification is acknowledged)
 *   ─▶ job/LifecycleHandler ─▶ job/PackagingRun (AssetCreated, ConfigurationAdded)
 *                             │   source/SourceAccess (allow-list, role) ─▶ source/S3SourceLocator
 *                             │   output/OutputSpecs ─▶ engine Packager.run ─▶ output/S3OutputSink
 *                             │   notify/NotificationFactory ─▶ vod.notifications
 *                             └─ output/OutputStore.deleteUnder (AssetDeleted, ConfigurationDeleted)
 *   records that cannot be processed at all ─▶ consumer/DeadLetterPublisher ─▶ vod.ingest-dlq
 * </pre>
 *
 * Only {@code config} (wiring, properties) knows Spring; the rest is plain Java.
 */
package org.openvod.ingest;
