package org.openvod.engine.source.mp4;

import java.util.List;
import org.openvod.engine.source.ByteSource;

/**
 * One MP4 file of a source and what the manifest says of its audio tracks. The i-th entry of each
 * list belongs to the file's i-th audio track; missing entries fall back to the track's own
 * language, no name, and included.
 *
 * @param path the file's path, for messages
 */
public record Mp4Rendition(
    String path,
    ByteSource source,
    List<String> languages,
    List<String> audioNames,
    List<Boolean> includeAudio) {

  public Mp4Rendition {
    languages = List.copyOf(languages);
    audioNames = List.copyOf(audioNames);
    includeAudio = List.copyOf(includeAudio);
  }

  public static Mp4Rendition of(String path, ByteSource source) {
    return new Mp4Rendition(path, source, List.of(), List.of(), List.of());
  }

  String language(int audioIndex, String fallback) {
    return audioIndex < languages.size() ? languages.get(audioIndex) : fallback;
  }

  String audioName(int audioIndex) {
    return audioIndex < audioNames.size() ? audioNames.get(audioIndex) : null;
  }

  boolean includesAudio(int audioIndex) {
    return audioIndex >= includeAudio.size() || includeAudio.get(audioIndex);
  }
}
