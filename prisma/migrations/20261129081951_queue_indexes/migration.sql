-- CreateIndex
CREATE INDEX "Report_priority_slaDueAt_number_idx" ON "Report"("priority", "slaDueAt", "number");

-- CreateIndex
CREATE INDEX "Report_region_priority_slaDueAt_idx" ON "Report"("region", "priority", "slaDueAt");

-- CreateIndex
CREATE INDEX "Report_assignee_idx" ON "Report"("assignee");

-- CreateIndex
CREATE INDEX "Report_firstResponseAt_slaDueAt_idx" ON "Report"("firstResponseAt", "slaDueAt");
