print("ccas-classify: not yet")
