"""Plan files shipped with industry-atlas: one YAML file per plan (installed as geo.plan_files)."""
