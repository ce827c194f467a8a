package org.openvod.engine.source.hls;

/**
 * One EXT-X-MEDIA TYPE=CLOSED-CAPTIONS: a CEA-608/708 caption service carried in the video of the
 * variants whose CLOSED-CAPTIONS attribute names its group.
 *
 * @param instreamId INSTREAM-ID: CC1..CC4 (CEA-608) or SERVICE1..63 (CEA-708)
 */
record ClosedCaptionRendition(
    String groupId,
    String instreamId,
    String language,
    String name,
    boolean isDefault,
    boolean autoselect) {}
