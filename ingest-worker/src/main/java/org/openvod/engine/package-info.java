/**
 * The media engine: a plain Java library (no Spring, Kafka, AWS or Jackson, checked by ArchUnit)
 * that packages one source into every output of a packaging group in one pass.
 *
 * <pre>
 * source/   SourceLocator + ByteSource      pull bytes by range, as nginx-vod-module's readers do
 *           HLS playlist + TS demuxer, SMIL + MP4 reader   ──▶ StreamInfo, Sample (media/)
 * pipeline/ MediaHandler chain: demuxer ─▶ Segmenter ─▶ muxers (output/) ─▶ manifest writers
 * encrypt/  encrypted fMP4 outputs: Segmenter ─▶ EncryptionHandler (cenc / cbcs, holds the keys)
 *           ─▶ fMP4 muxer, told each track's TrackProtection; samples carry SampleEncryption
 * output/   TS muxer, fMP4 writer, HLS / DASH / MSS manifest writers ─▶ OutputSink
 * Packager  the facade the ingest worker calls; with several outputs each output's chain
 *           (segmenter, encryptor, muxer) runs on its own thread (pipeline/AsyncBranch), fed in
 *           order through a queue bounded in bytes, so the outputs are muxed side by side
 * </pre>
 *
 * <p>Proof lives next to it in the tests: ffprobe/ffmpeg and real players read every output
 * (engine/playback), and Jazzer fuzzes the four parsers through {@code Packager.run}
 * (engine/fuzz/SourceFuzzTest: a normal build replays the committed corpus; {@code JAZZER_FUZZ=1
 * ./mvnw -pl ingest-worker test -Dtest='SourceFuzzTest#tsSegment'} fuzzes one parser for two
 * minutes).
 */
package org.openvod.engine;
