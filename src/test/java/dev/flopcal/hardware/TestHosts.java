package dev.flopcal.hardware;

import java.util.List;

/** Fixed hosts for tests, so that nothing depends on the machine the tests run on. */
public final class TestHosts {
    private TestHosts() {
    }

    /** The 2-core Emerald Rapids VM flopcal is developed on: no maximum clock reported, AMX hidden. */
    public static Cpu emeraldRapidsVm(String... extraFlags) {
        List<String> flags = new java.util.ArrayList<>(List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
                "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "hypervisor"));
        flags.addAll(List.of(extraFlags));
        return new Cpu("GenuineIntel", "Intel(R) Xeon(R) Processor", 6, 207, 2, "1F8BFBFF000C06F2", 2, 2, 1, Double.NaN,
                2.3e9, List.of(new Cache(1, "data", 49152, 64, 12), new Cache(1, "instruction", 32768, 64, 8),
                new Cache(2, "unified", 2097152, 64, 16), new Cache(3, "unified", 272629760, 64, 20)), flags);
    }

    /**
     * The 2-core AMD EPYC (Zen 5, Turin) VM flopcal was later measured on: the OS reports neither the maximum clock
     * nor any cache (no {@code /sys/devices/system/cpu/cpu0/cache}).
     */
    public static Cpu zen5Vm(List<Cache> caches) {
        return new Cpu("AuthenticAMD", "AMD EPYC", 26, 2, 1, "178BFBFF00B00F21", 2, 2, 1, Double.NaN, 2.096e9, caches,
                List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni",
                        "avx512_bf16", "avx_vnni", "hypervisor", "topoext"));
    }

    public static Host host(Cpu cpu) {
        return new Host(cpu, "Debian GNU/Linux 12 (bookworm)", 24L << 30, "25.0.3+9-LTS (test)");
    }
}
