package dev.flopcal.estimation;

import dev.flopcal.core.Precision;

/**
 * Every default figure of the estimator with its source. Each {@code *_SOURCE} string is printed beside the
 * value in the estimate's assumptions. Defaults for the {@code slow} and {@code retry} scenarios and the default
 * utilization are not here: they are fitted from {@code published-runs.csv} (see {@link ScenarioFactors}).
 */
public final class Defaults {
    private Defaults() {
    }

    // ---- hardware -------------------------------------------------------------------------------------------

    /** Precision when {@code --precision} is not given. */
    public static final Precision PRECISION = Precision.BF16;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String PRECISION_SOURCE = "default: bf16 is the mixed-precision training format of A100/H100/TPU-class"
            + " hardware (the published runs' tensor peaks)";

    /** Which FLOPs {@code --utilization} counts when {@code --utilization-kind} is not given. */
    public static final UtilizationKind UTILIZATION_KIND = UtilizationKind.MFU;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String UTILIZATION_KIND_SOURCE = "mfu: published runs report model FLOPs utilization (PaLM,"
            + " Chowdhery et al. 2022, appendix B; Megatron-LM, MegaScale), the figure the fitted default is";

    // ---- memory per device ----------------------------------------------------------------------------------

    /** Optimizer when {@code --optimizer} is not given. */
    public static final Optimizer OPTIMIZER = Optimizer.ADAM;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String OPTIMIZER_SOURCE = "adam: AdamW trained GPT-3 (Brown et al. 2020, appendix B), OPT-175B,"
            + " BLOOM and Llama 2 (Touvron et al. 2023, sec. 2.2) (--optimizer)";

    /** Bytes of the fp32 master weights per parameter in mixed-precision training. */
    public static final double MASTER_WEIGHT_BYTES = 4;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String MASTER_WEIGHT_SOURCE = "mixed precision keeps an fp32 master copy of the weights when they"
            + " train in a narrower format (Micikevicius et al. 2018, Mixed Precision Training, sec. 3.1); none in fp32/fp64";

    /** Where the automatic ZeRO stage comes from; printed beside it in the estimate's assumptions. */
    public static final String ZERO_STAGE_SOURCE = "the lowest ZeRO stage whose memory fits the device: stage s shards"
            + " optimizer states (1), gradients (2) and weights (3) over the data-parallel devices (Rajbhandari et al."
            + " 2020, ZeRO, sec. 5); less sharding communicates less (--zero-stage)";

    /** Where the model-parallel default comes from; printed beside it in the estimate's assumptions. */
    public static final String MODEL_PARALLEL_SOURCE = "1: no model parallelism unless given; tensor parallelism splits"
            + " each layer's weights, pipeline parallelism the layers (Narayanan et al. 2021)";

    /** Activation bytes per token per layer per unit of model width, without recomputation (bf16, FlashAttention). */
    public static final double ACTIVATION_BYTES = 34;
    /** Activation bytes per token per layer per unit of model width with full recomputation (the layer input). */
    public static final double RECOMPUTED_ACTIVATION_BYTES = 2;
    /** Where the two figures above come from; printed beside them in the estimate's assumptions. */
    public static final String ACTIVATION_SOURCE = "Korthikanti et al. 2022 (arXiv 2205.05198, sec. 4): a layer stores"
            + " s·b·h·(34 + 5·a·s/h) bytes of 16-bit activations, 34·s·b·h/t with tensor and sequence parallelism t; the"
            + " 5·a·s/h attention scores are not stored with FlashAttention (Dao et al. 2022); full recomputation keeps"
            + " the layer input, 2·s·b·h/t; with 1F1B pipelining the first stage holds all L layers' worth";

    // ---- inference --------------------------------------------------------------------------------------------

    /** Sequences decoded together when {@code --batch-size} is not given. */
    public static final int BATCH_SIZE = 1;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String BATCH_SIZE_SOURCE = "1: one sequence at a time, the latency-bound case every weight read"
            + " serves a single token (--batch-size for batched serving)";

    /** Where the default context comes from; printed beside it in the estimate's assumptions. */
    public static final String CONTEXT_SOURCE = "--seq-len: every sequence at its full length, the most keys and values a"
            + " step reads (--context-tokens)";

    /** Where the default weight size comes from; printed beside it in the estimate's assumptions. */
    public static final String WEIGHT_BYTES_SOURCE = "the --precision's size: weights stored as they compute"
            + " (--weight-bytes-per-param 1 for int8 weights, 0.5 for int4)";

    /** Fraction of the datasheet memory bandwidth that decoding reaches. */
    public static final double DECODE_BANDWIDTH_EFFICIENCY = 1397.31 / 2039;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String DECODE_BANDWIDTH_SOURCE = "gpt-fast (PyTorch team, github.com/pytorch-labs/gpt-fast"
            + " README, benchmarks): Llama-2-7B bf16 at batch 1 on an A100-80GB (power-limited to 330 W) decodes 104.9"
            + " tokens/s, reading 1397.31 GB/s of its 2039 GB/s datasheet bandwidth: 0.685 (--memory-bandwidth-efficiency)";
    /** Where the efficiency of a measured bandwidth comes from; printed beside it in the estimate's assumptions. */
    public static final String MEASURED_BANDWIDTH_SOURCE = "1: the bandwidth is the DRAM plateau calibrate measured (a STREAM"
            + " triad), already what the machine reaches (--memory-bandwidth-efficiency)";

    /** Where the prompt default comes from; printed beside it in the estimate's assumptions. */
    public static final String PROMPT_TOKENS_SOURCE = "0: no prompt is processed before decoding (--prompt-tokens)";

    // ---- pricing --------------------------------------------------------------------------------------------

    /** Reserved/committed discount off the on-demand price, a fraction. */
    public static final double RESERVED_DISCOUNT = 0.57;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String RESERVED_DISCOUNT_SOURCE = "Google Cloud committed use discounts: up to 57% for GPUs"
            + " (cloud.google.com/compute/docs/instances/signing-up-committed-use-discounts); seed 003 says reserved instances"
            + " give up to 75%. 57% is a 3-year term; 1-year terms discount less (--reserved-discount)";

    /** Spot/preemptible discount off the on-demand price, a fraction. */
    public static final double SPOT_DISCOUNT = 0.60;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String SPOT_DISCOUNT_SOURCE = "Google Cloud Spot VMs: 60-91% off the on-demand price"
            + " (cloud.google.com/compute/docs/instances/spot); seed 003 says up to 90%. The low end is used: an estimate"
            + " should not assume the best price (--spot-discount)";

    /** Fraction of spot instances reclaimed per month. */
    public static final double SPOT_INTERRUPTIONS_PER_INSTANCE_MONTH = 0.05;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String SPOT_INTERRUPTION_SOURCE = "AWS Spot Instance Advisor reports the share of instances reclaimed"
            + " over the trailing month in buckets <5%, 5-10%, 10-15%, 15-20%, >20%; 5% is the top of the lowest bucket."
            + " Large GPU instance types can sit in higher buckets: look yours up (--spot-interruption-rate)";

    /** Devices lost together when one spot instance is reclaimed. */
    public static final int DEVICES_PER_INSTANCE = 8;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String DEVICES_PER_INSTANCE_SOURCE = "8 accelerators per server, as HGX/DGX servers, AWS p4d/p5"
            + " instances and Llama 3's Grand Teton servers (Dubey et al. 2024, sec. 3.3.1) have (--devices-per-instance)";

    // ---- on premises ----------------------------------------------------------------------------------------

    /** Years over which a purchased device is amortized. */
    public static final double LIFETIME_YEARS = 5;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String LIFETIME_SOURCE = "Amazon's 10-K for 2024: 5-year useful life for a subset of servers"
            + " (AI/ML) from 2025; Meta uses 5.5, Microsoft and Alphabet 6 years for servers (--lifetime-years)";

    /** Hours per year an owned device is busy. */
    public static final double USE_HOURS_PER_YEAR = 8760;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String USE_HOURS_SOURCE = "8760 h: busy all year; idle time raises the cost per used hour, see the"
            + " break-even (--use-hours-per-year)";

    // ---- storage and data -----------------------------------------------------------------------------------

    /** Bytes per parameter in a training checkpoint. */
    public static final double CHECKPOINT_BYTES_PER_PARAM = 14;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String CHECKPOINT_BYTES_SOURCE = "ZeRO (Rajbhandari et al. 2020, sec. 3.1): mixed-precision Adam holds 16"
            + " bytes per parameter (2 fp16/bf16 weights + 2 gradients + 12 fp32 master weights, momentum and variance);"
            + " a checkpoint leaves out the gradients: 14 (--checkpoint-bytes-per-param)";

    /** Checkpoints kept in storage at once. */
    public static final int CHECKPOINTS_KEPT = 2;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String CHECKPOINTS_KEPT_SOURCE = "2: the last complete checkpoint plus the one being written (a"
            + " checkpoint still being written cannot be restored from) (--checkpoints-kept)";

    /** Object storage price in USD per GB-month (GB = 10^9 bytes). */
    public static final double STORAGE_USD_PER_GB_MONTH = 0.023;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String STORAGE_SOURCE = "Amazon S3 Standard, first 50 TB per month, us-east-1"
            + " (aws.amazon.com/s3/pricing) (--storage-price)";

    /** Bytes of stored dataset per training token. */
    public static final double DATASET_BYTES_PER_TOKEN = 4;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String DATASET_SOURCE = "tokens × 4 bytes: one token is about 4 characters of English text (OpenAI,"
            + " 'What are tokens and how to count them'); stored as UTF-8 text (--dataset-gb)";

    /** Data moved out of the cloud, GB. */
    public static final double EGRESS_GB = 0;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String EGRESS_SOURCE = "none: data and checkpoints are assumed to stay in the training region"
            + " (--egress-gb)";

    /** Internet egress price in USD per GB. */
    public static final double EGRESS_USD_PER_GB = 0.09;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String EGRESS_PRICE_SOURCE = "AWS data transfer out to the internet, first 10 TB per month"
            + " (aws.amazon.com/ec2/pricing/on-demand) (--egress-price)";

    /** Average hours in a month, for GB-month prices: 8760 / 12. */
    public static final double HOURS_PER_MONTH = 730;

    // ---- failures and restarts ------------------------------------------------------------------------------

    private static final double LLAMA3_DAYS = 54;
    private static final double LLAMA3_GPUS = 16_384;
    private static final double LLAMA3_INTERRUPTIONS = 466;
    private static final double LLAMA3_EFFECTIVE_TIME = 0.90;
    private static final double LLAMA3_STORAGE_GB_PER_S = 2000;

    /** Mean time between job interruptions caused by one device, in device-hours: 54 × 24 × 16384 / 466. */
    public static final double DEVICE_MTBF_HOURS = LLAMA3_DAYS * 24 * LLAMA3_GPUS / LLAMA3_INTERRUPTIONS;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String DEVICE_MTBF_SOURCE = "Llama 3 (Dubey et al. 2024, arXiv 2407.21783, sec. 3.3.4): 466 job"
            + " interruptions (419 unexpected) in 54 days on 16,384 H100 GPUs, i.e. one per 45,566 device-hours; the job's"
            + " MTBF is this divided by the device count (--device-mtbf-hours)";

    /** Time to detect a failure, restart and reload, in hours: (1 - 0.90) × 54 × 24 / 466. */
    public static final double RESTART_HOURS = (1 - LLAMA3_EFFECTIVE_TIME) * LLAMA3_DAYS * 24 / LLAMA3_INTERRUPTIONS;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String RESTART_SOURCE = "Llama 3 (same section): more than 90% effective training time over those 466"
            + " interruptions, so at most 16.7 min lost per interruption; counted whole as restart time, an upper bound"
            + " (--restart-minutes)";

    /** Sustained checkpoint write bandwidth per device in GB/s: 2000 / 16384. */
    public static final double CHECKPOINT_WRITE_GB_PER_S_PER_DEVICE = LLAMA3_STORAGE_GB_PER_S / LLAMA3_GPUS;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String CHECKPOINT_WRITE_SOURCE = "checkpoint size / (devices × 0.122 GB/s): Llama 3's Tectonic storage"
            + " sustains 2 TB/s for 16,384 GPUs (Dubey et al. 2024, sec. 3.3.1) (--checkpoint-write-seconds)";

    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String CHECKPOINT_INTERVAL_SOURCE = "Young/Daly optimum sqrt(2 × write time × job MTBF) (Young 1974;"
            + " Daly 2006) (--checkpoint-interval-hours)";

    // ---- exploration and orchestration ----------------------------------------------------------------------

    /** Multiplier on compute for exploratory and hyperparameter runs. */
    public static final double EXPLORATION_MULTIPLIER = 1;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String EXPLORATION_SOURCE = "1 (final run only): seed 002 advises budgeting exploratory and final runs"
            + " separately (--exploration-multiplier)";

    /** Orchestration overhead as a fraction of compute cost. */
    public static final double ORCHESTRATION_FRACTION = 0;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String ORCHESTRATION_SOURCE = "0: managed control planes charge per cluster-hour (Amazon EKS 0.10 USD"
            + " per cluster-hour), negligible beside accelerator time; add schedulers, monitoring and idle nodes with"
            + " --orchestration-fraction";

    // ---- energy and carbon ----------------------------------------------------------------------------------

    /** Average power drawn as a fraction of TDP. */
    public static final double POWER_FRACTION = 1;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String POWER_FRACTION_SOURCE = "1: published device energy counts each device at full TDP (BLOOM:"
            + " 433 MWh = 1,082,990 device-hours × 400 W, device energy without PUE; Llama 2 model card: 400 W per A100)"
            + " (--power-fraction)";

    /** Power usage effectiveness of the data centre: facility energy / device energy. */
    public static final double PUE = 1.58;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String PUE_SOURCE = "Uptime Institute Global Data Center Survey 2023: industry-average PUE 1.58;"
            + " hyperscale sites report 1.1-1.2 (GPT-3: 1.1, Patterson et al. 2021); applies to facility energy only"
            + " (--pue)";

    /** Electricity price in USD per kWh. */
    public static final double ELECTRICITY_USD_PER_KWH = 0.0806;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String ELECTRICITY_SOURCE = "US EIA: average retail price to industrial customers in 2023,"
            + " 8.06 cents/kWh (--electricity-price)";

    /** Grid carbon intensity in kg CO2e per kWh. */
    public static final double CARBON_KG_PER_KWH = 0.481;
    /** Where the default above comes from; printed beside it in the estimate's assumptions. */
    public static final String CARBON_SOURCE = "Ember (2024): world-average emissions intensity of electricity generation in"
            + " 2023, 481 gCO2e/kWh; grids range from ~30 (Norway) to ~700 (India) (--carbon-intensity)";
}
