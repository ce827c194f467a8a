package org.openvod.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceArnTest {

  @Test
  void parsesBucketAndKeyWithAndWithoutAccount() throws Exception {
    SourceArn plain = SourceArn.parse("arn:aws:s3:::vod-sources/titles/a/master.m3u8");
    assertThat(plain).isEqualTo(new SourceArn("vod-sources", "titles/a/master.m3u8"));
    assertThat(plain.folder()).isEqualTo("titles/a/");
    assertThat(plain.fileName()).isEqualTo("master.m3u8");

    SourceArn withAccount = SourceArn.parse("arn:aws:s3::123456789012:bucket/x.smil");
    assertThat(withAccount).isEqualTo(new SourceArn("bucket", "x.smil"));
    assertThat(withAccount.folder()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAnS3ObjectArn() {
    assertThatThrownBy(() -> SourceArn.parse(null)).hasMessageContaining("no sourceArn");
    assertThatThrownBy(() -> SourceArn.parse("arn:aws:s3:::bucket-only"))
        .isInstanceOf(SourceRejectedException.class)
        .hasMessageContaining("arn:aws:s3:::bucket-only");
    assertThatThrownBy(() -> SourceArn.parse("s3://bucket/key.m3u8"))
        .hasMessageContaining("not an S3 object ARN");
    assertThatThrownBy(() -> SourceArn.parse("arn:aws:iam::1:role/x/y"))
        .isInstanceOf(SourceRejectedException.class);
  }
}
