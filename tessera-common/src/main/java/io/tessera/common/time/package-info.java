/** Time as a constructor argument ({@link io.tessera.common.time.Clock}) and hybrid logical timestamps. */
package io.tessera.common.time;
