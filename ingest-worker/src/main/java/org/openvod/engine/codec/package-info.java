/**
 * Bitstream helpers shared by readers and writers: bit reading, NAL framing, H.264 / H.265
 * parameter sets and decoder configuration records, AAC ADTS and AudioSpecificConfig, AC-3 / E-AC-3
 * sync frames.
 */
package org.openvod.engine.codec;
