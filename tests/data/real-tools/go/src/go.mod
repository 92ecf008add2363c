module perfaction.test/gobench

go 1.19
