package org.storemulti.daemon;

import java.util.function.Function;

/** One row of the {@link ServiceTable}: a service's name and how to make a fresh instance of it. */
record ServiceSpec(String name, Function<ServiceContext, Service> factory) {
}
