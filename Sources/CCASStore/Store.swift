import CCASCore
