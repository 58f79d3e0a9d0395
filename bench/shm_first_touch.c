/*-------------------------------------------------------------------------
 *
 * shm_first_touch.c
 *	  What a process pays to read shared memory that another process has
 *	  already touched, the first time and after: the cost a new PostgreSQL
 *	  backend pays for each page of shared_buffers it reads for the first
 *	  time (a minor page fault that maps the page into its page table).
 *
 * Usage: cc -O2 -o shm_first_touch bench/shm_first_touch.c
 *        ./shm_first_touch [MB [huge]]
 *	  (default 256 MB in 4 kB pages; "huge": MAP_HUGETLB, 2 MB pages, which
 *	  needs that many huge pages reserved: sysctl vm.nr_hugepages=N)
 *
 * A parent maps MB of shared anonymous memory (as the postmaster maps
 * shared_buffers) and writes one byte a 4 kB page; a child forked after it
 * (as a backend) then reads one byte a 4 kB page, twice.  Prints
 * microseconds a 4 kB page for each pass and the child's minor faults.  On
 * the project's machine (a paravirtualised guest) the child's first read
 * costs microseconds a page where the second costs a few hundredths: see
 * doc/index.md, "A new backend's first touches".
 *
 * bench/shm_first_touch.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

/* Seconds on the monotonic clock */
static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Minor faults of this process so far */
static long
minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* Read one byte a page of p (size bytes); the sum keeps the reads */
static long
read_pages(const volatile char *p, size_t size)
{
	long		s = 0;

	for (size_t i = 0; i < size; i += PAGE)
		s += p[i];
	return s;
}

int
main(int argc, char **argv)
{
	size_t		size = (size_t) (argc > 1 ? atol(argv[1]) : 256) << 20;
	int			huge = argc > 2 && strcmp(argv[2], "huge") == 0;
	size_t		pages = size / PAGE;
	char	   *p;
	double		t;
	pid_t		child;
	int			status;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS | (huge ? MAP_HUGETLB : 0), -1, 0);
	if (p == MAP_FAILED)
	{
		perror("mmap");
		return 1;
	}
	t = now();
	for (size_t i = 0; i < size; i += PAGE)
		p[i] = 1;
	printf("%zu MB in %s pages\nparent, first write: %.3f us a 4 kB page\n",
		   size >> 20, huge ? "2 MB" : "4 kB", (now() - t) * 1e6 / pages);
	fflush(stdout);

	child = fork();
	if (child == 0)
	{
		long		f0 = minflt(),
					f1,
					s;

		t = now();
		s = read_pages(p, size);
		f1 = minflt();
		printf("child, first read: %.3f us a 4 kB page (%ld minor faults)\n",
			   (now() - t) * 1e6 / pages, f1 - f0);
		t = now();
		s += read_pages(p, size);
		printf("child, second read: %.3f us a 4 kB page (%ld minor faults)\n",
			   (now() - t) * 1e6 / pages, minflt() - f1);
		fflush(stdout);
		_exit(s == 0);
	}
	if (child < 0 || waitpid(child, &status, 0) < 0)
	{
		perror("fork");
		return 1;
	}
	return 0;
}
